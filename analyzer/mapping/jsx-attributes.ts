// Reads a JSX element's attributes statically: literal values, template parts and className classes.
import { ts } from 'ts-morph';
import { classesFromExpression } from './class-names';
import { decodeEntities } from './jsx-text';

export interface StaticAttributes {
  attributes: Record<string, string | true>;
  templates?: Record<string, string[]>;
  classes: string[];
  hasSpread: boolean;
}

export function readAttributes(node: ts.JsxAttributes): StaticAttributes {
  const attributes: Record<string, string | true> = {};
  let templates: Record<string, string[]> | undefined;
  const classes = new Set<string>();
  let hasSpread = false;
  for (const prop of node.properties) {
    // Spread props ({...props}) carry nothing we can read statically; we only remember that they exist.
    if (!ts.isJsxAttribute(prop)) {
      hasSpread = true;
      continue;
    }
    const name = attributeName(prop.name);
    const init = prop.initializer;
    const expr = init && ts.isJsxExpression(init) ? init.expression : init;
    if (name === 'className' || name === 'class') classesFromExpression(expr as ts.Expression | undefined, classes);
    if (!init) attributes[name] = true;
    else if (ts.isStringLiteral(init)) attributes[name] = decodeEntities(init.text);
    else if (expr && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr))) attributes[name] = expr.text;
    else {
      attributes[name] = true;
      if (expr && ts.isTemplateExpression(expr)) {
        templates ??= {};
        templates[name] = [expr.head.text, ...expr.templateSpans.map((span) => span.literal.text)];
      }
    }
  }
  return { attributes, templates, classes: [...classes], hasSpread };
}

function attributeName(name: ts.JsxAttributeName): string {
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

/** True when `value` fits the template's static parts in order ("card-42" fits ["card-", ""]). */
export function fitsTemplate(value: string, parts: string[]): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!value.startsWith(first) || !value.endsWith(last) || value.length < first.length + last.length) return false;
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, at);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return at <= value.length - last.length;
}
