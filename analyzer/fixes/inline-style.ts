// Inline styles the fixes add: read a property of `style={{ ... }}`, merge declarations into it (or spread an
// expression, or add the attribute), and lay a new attribute out like the element's others.
import { Node, type JsxAttribute, type ObjectLiteralExpression } from 'ts-morph';
import type { JsxOpening } from './locate-element';
import { indentationAt, PRINT_WIDTH, spliceFile, startsLine, type Splice } from './text-layout';

/** One property of an inline style object: its name and the JS source of its value, e.g. ['minWidth', '44']. */
export type StyleDeclaration = [property: string, source: string];

function styleAttribute(opening: JsxOpening): JsxAttribute | undefined {
  const attribute = opening.getAttribute('style');
  return attribute && Node.isJsxAttribute(attribute) ? attribute : undefined;
}

/** The object literal of `style={{ ... }}`, or undefined. */
function styleObject(opening: JsxOpening): ObjectLiteralExpression | undefined {
  const initializer = styleAttribute(opening)?.getInitializer();
  const expression = initializer && Node.isJsxExpression(initializer) ? initializer.getExpression() : undefined;
  return expression && Node.isObjectLiteralExpression(expression) ? expression : undefined;
}

/** JS source of a property set in the element's inline style object, e.g. "44" or "'sticky'". */
export function styleValue(opening: JsxOpening, property: string): string | undefined {
  for (const p of styleObject(opening)?.getProperties() ?? []) {
    if (Node.isPropertyAssignment(p) && p.getName().replace(/^['"]|['"]$/g, '') === property) return p.getInitializerOrThrow().getText();
    if (Node.isShorthandPropertyAssignment(p) && p.getName() === property) return p.getName();
  }
  return undefined;
}

/** A style value in px when it is a literal: 44, '44px', "44". */
export function pixels(source: string | undefined): number | undefined {
  const match = source === undefined ? null : /^['"`]?(\d+(?:\.\d+)?)(px)?['"`]?$/.exec(source.trim());
  return match ? Number(match[1]) : undefined;
}

/** Why the style prop cannot take more properties (a string, a bare attribute), or undefined. */
export function styleProblem(opening: JsxOpening): string | undefined {
  const attribute = styleAttribute(opening);
  if (!attribute) return undefined;
  const initializer = attribute.getInitializer();
  if (!initializer) return 'its style prop has no value';
  if (!Node.isJsxExpression(initializer) || !initializer.getExpression()) return 'its style prop is a string, which React does not accept; make it an object first';
  return undefined;
}

/**
 * An object literal on one line, unless it would not fit the print width even on a line of its own (a long tag line
 * is the formatter's to wrap, not a reason to break one prop); then one entry a line.
 */
function objectSource(entries: string[], offset: number, indentation: string, opening: JsxOpening): string {
  const oneLine = `{ ${entries.join(', ')} }`;
  if (indentation.length + offset + oneLine.length + 2 <= PRINT_WIDTH) return oneLine;
  const settings = opening.getProject().manipulationSettings;
  const inner = indentation + settings.getIndentationText();
  return `{\n${inner}${entries.join(`,\n${inner}`)}${settings.getUseTrailingCommas() ? ',' : ''}\n${indentation}}`;
}

function entriesOf(declarations: StyleDeclaration[]): string[] {
  return declarations.map(([name, value]) => `${name}: ${value}`);
}

/**
 * Sets style properties on the element in place: inside a `style={{...}}` object (replacing a property of the same
 * name), as `{ ...expr, ... }` around any other style expression, or as a new style prop. A new prop goes before the
 * first {...spread}, so a style that callers pass through still wins over ours.
 */
export function mergeInlineStyle(opening: JsxOpening, declarations: StyleDeclaration[]): void {
  const sourceFile = opening.getSourceFile();
  const text = sourceFile.getFullText();
  const splices: Splice[] = [];
  const object = styleObject(opening);
  const attribute = styleAttribute(opening);
  if (object) {
    const missing: StyleDeclaration[] = [];
    const properties = object.getProperties();
    for (const [name, value] of declarations) {
      const existing = properties.find((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName().replace(/^['"]|['"]$/g, '') === name);
      if (existing && Node.isPropertyAssignment(existing)) {
        const init = existing.getInitializerOrThrow();
        splices.push({ start: init.getStart(), end: init.getEnd(), text: value });
      } else if (existing) splices.push({ start: existing.getStart(), end: existing.getEnd(), text: `${name}: ${value}` });
      else missing.push([name, value]);
    }
    if (missing.length > 0) splices.push(appendToObject(object, missing, text));
  } else if (attribute) {
    const expression = (attribute.getInitializerOrThrow() as Node & { getExpressionOrThrow(): Node }).getExpressionOrThrow();
    const simple = Node.isIdentifier(expression) || Node.isPropertyAccessExpression(expression) || Node.isCallExpression(expression) || Node.isElementAccessExpression(expression);
    const spread = simple ? expression.getText() : `(${expression.getText()})`;
    const start = expression.getStart();
    splices.push({ start, end: expression.getEnd(), text: objectSource([`...${spread}`, ...entriesOf(declarations)], 'style={'.length, indentationAt(text, start), opening) });
  } else {
    splices.push(newAttribute(opening, (indentation) => `style={${objectSource(entriesOf(declarations), 'style={'.length, indentation, opening)}}`, text));
  }
  spliceFile(sourceFile, splices);
}

function appendToObject(object: ObjectLiteralExpression, declarations: StyleDeclaration[], text: string): Splice {
  const properties = object.getProperties();
  const last = properties[properties.length - 1];
  const entries = entriesOf(declarations);
  if (!last) return { start: object.getStart(), end: object.getEnd(), text: `{ ${entries.join(', ')} }` };
  if (!object.getText().includes('\n')) return { start: last.getEnd(), end: last.getEnd(), text: `, ${entries.join(', ')}` };
  const indentation = indentationAt(text, last.getStart());
  const comma = /^\s*,/.exec(text.slice(last.getEnd()));
  if (comma) {
    const at = last.getEnd() + comma[0].length;
    return { start: at, end: at, text: entries.map((e) => `\n${indentation}${e},`).join('') };
  }
  return { start: last.getEnd(), end: last.getEnd(), text: entries.map((e) => `,\n${indentation}${e}`).join('') };
}

/**
 * A new attribute, laid out like the others: on its own line when they are, else inline; before the first
 * {...spread} if there is one. `render` gets the indentation of the line the attribute lands on.
 */
export function newAttribute(opening: JsxOpening, render: (indentation: string) => string, text: string): Splice {
  const attributes = opening.getAttributes();
  const spread = attributes.find((a) => Node.isJsxSpreadAttribute(a));
  if (spread) {
    const at = spread.getStart();
    const indentation = indentationAt(text, at);
    return { start: at, end: at, text: startsLine(text, at) ? `${render(indentation)}\n${indentation}` : `${render(indentation)} ` };
  }
  const last = attributes[attributes.length - 1];
  const indentation = indentationAt(text, (last ?? opening).getStart());
  if (last && startsLine(text, last.getStart())) return { start: last.getEnd(), end: last.getEnd(), text: `\n${indentation}${render(indentation)}` };
  const at = (last ?? opening.getTagNameNode()).getEnd();
  return { start: at, end: at, text: ` ${render(indentation)}` };
}
