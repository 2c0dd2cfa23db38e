// Form abandonment at a field: the <input> or <textarea> gets the hints that make it quick to fill. `type`,
// `inputMode` and `autoComplete` follow from what the field asks for (field-kinds.ts, from its name, id and label),
// `inputMode="numeric"` / `autoCapitalize="characters"` from a digits-only / capitals-only pattern, and a pattern the
// fix can put into words gets a visible "Format: AA00-0000-A, e.g. AB12-3456-C" right after the field, tied to it
// with aria-describedby (after, not before: the report's line must keep pointing at the field).
// `required` stays: whether a field may be left empty is a contract with the server and the business (a tax number
// may be legally needed), which click data cannot settle. When the field is required, the plan names making it
// optional as the next lever if abandonment stays high with the hints.
import { Node } from 'ts-morph';
import { jsxText } from './text-layout';
import { AUTOFILL_OFF, fieldKindOf, type FieldKind } from './field-kinds';
import { elementReference, outcomeOf, percent, reachOf, verificationPlan } from './fix-evidence';
import {
  attributeInsertIndex,
  elementOf,
  elementTextWith,
  intrinsicTagOf,
  markupAt,
  printOpening,
  replaceMarkup,
  staticTextOf,
  tagNameOf,
  withMarkupAfter,
  type AttributeSource,
} from './jsx-markup';
import { openingElements, staticAttribute, type JsxOpening } from './locate-element';
import { describePattern, keyboardOf } from './pattern-format';
import type { FixDefinition, FixTarget, NotApplicable } from './types';

/** Parents whose content model is phrasing only: the hint is a <span> there, since a <p> may not sit inside them. */
const PHRASING_ONLY = new Set(['p', 'span', 'label', 'a', 'button', 'legend', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'small']);

/** Input types that are not typed into: no keyboard, autofill or format to hint. */
const NOT_TYPED = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'file', 'image', 'range', 'color']);

interface FieldClues {
  id?: string;
  name?: string;
  label?: string;
}

interface HintPlan {
  kind?: FieldKind;
  /** Attributes to add or correct, as full attribute text. */
  attributes: { name: string; text: string }[];
  pattern?: string;
  hint?: { id: string; text: string };
}

/** The field's id, its name (or the first string given to a spread call, e.g. `{...register('email')}`) and its label. */
function cluesOf(opening: JsxOpening): FieldClues {
  const id = staticAttribute(opening, 'id');
  const spreadName = opening
    .getAttributes()
    .filter(Node.isJsxSpreadAttribute)
    .map((spread) => spread.getExpression())
    .find(Node.isCallExpression)
    ?.getArguments()
    .find(Node.isStringLiteral)
    ?.getLiteralValue();
  const name = staticAttribute(opening, 'name') ?? spreadName;
  const forId = id ? openingElements(opening.getSourceFile()).find((o) => tagNameOf(o) === 'label' && staticAttribute(o, 'htmlFor') === id) : undefined;
  const wrapping = opening.getFirstAncestor((a) => Node.isJsxElement(a) && tagNameOf(a.getOpeningElement()) === 'label');
  // A wrapping label's own text only: its other children (an error message, the field) are not its name.
  const wrappingText = wrapping && Node.isJsxElement(wrapping) ? wrapping.getJsxChildren().filter(Node.isJsxText).map((t) => t.getText()).join(' ').replace(/\s+/g, ' ').trim() : '';
  const label = (forId && staticTextOf(elementOf(forId))) || wrappingText || staticAttribute(opening, 'aria-label');
  return { id, name, label: label || undefined };
}

/** The pattern as written, or the string constant of this file it names (`pattern={TAX_PATTERN}`). */
function patternOf(opening: JsxOpening): string | undefined {
  const literal = staticAttribute(opening, 'pattern');
  if (literal !== undefined) return literal;
  const attribute = opening.getAttribute('pattern');
  const initializer = attribute && Node.isJsxAttribute(attribute) ? attribute.getInitializer() : undefined;
  const expression = initializer && Node.isJsxExpression(initializer) ? initializer.getExpression() : undefined;
  if (!expression || !Node.isIdentifier(expression)) return undefined;
  const value = opening.getSourceFile().getVariableDeclaration(expression.getText())?.getInitializer();
  return value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) ? value.getLiteralValue() : undefined;
}

function kebab(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function planOf(opening: JsxOpening): HintPlan {
  const tag = intrinsicTagOf(opening)?.tag;
  const clues = cluesOf(opening);
  const kind = fieldKindOf([clues.name, clues.id, clues.label].filter((t): t is string => !!t));
  const pattern = patternOf(opening);
  const keyboard = pattern ? keyboardOf(pattern) : undefined;
  const attributes: HintPlan['attributes'] = [];
  const type = staticAttribute(opening, 'type');
  let typeAfter = type ?? 'text';
  if (tag === 'input' && kind?.type && typeAfter === 'text') typeAfter = kind.type;
  else if (tag === 'input' && type === 'number' && (kind?.inputMode === 'numeric' || keyboard === 'numeric')) typeAfter = 'text';
  if (typeAfter !== (type ?? 'text')) attributes.push({ name: 'type', text: `type="${typeAfter}"` });
  const inputMode = kind?.inputMode ?? (keyboard === 'numeric' ? 'numeric' : undefined);
  if (inputMode && !opening.getAttribute('inputMode') && typeAfter === 'text') attributes.push({ name: 'inputMode', text: `inputMode="${inputMode}"` });
  const autoComplete = (tag === 'textarea' && kind?.textareaAutoComplete) || kind?.autoComplete;
  const current = opening.getAttribute('autoComplete');
  if (autoComplete && (!current || AUTOFILL_OFF.has(staticAttribute(opening, 'autoComplete') ?? ''))) {
    attributes.push({ name: 'autoComplete', text: `autoComplete="${autoComplete}"` });
  }
  if (keyboard === 'capitals' && !opening.getAttribute('autoCapitalize')) attributes.push({ name: 'autoCapitalize', text: 'autoCapitalize="characters"' });
  const description = pattern ? describePattern(pattern) : undefined;
  const base = clues.id ?? (clues.name ? kebab(clues.name) : 'field');
  return { kind, attributes, pattern, hint: description ? { id: `${base}-format`, text: description } : undefined };
}

/** The fix has something to say about this field: a kind with input hints, or a pattern it can describe. */
function offersSomething(plan: HintPlan): boolean {
  return !!(plan.kind?.type || plan.kind?.inputMode || plan.kind?.autoComplete || plan.hint || plan.attributes.length > 0);
}

function hintInPlace(opening: JsxOpening, id: string): boolean {
  const describedBy = opening.getAttribute('aria-describedby');
  if (!describedBy || !describedBy.getText().includes(id)) return false;
  return openingElements(opening.getSourceFile()).some((o) => staticAttribute(o, 'id') === id);
}

function isApplied(target: FixTarget): boolean {
  const { opening } = target;
  if (!['input', 'textarea'].includes(intrinsicTagOf(opening)?.tag ?? '')) return false;
  const plan = planOf(opening);
  return offersSomething(plan) && plan.attributes.length === 0 && (!plan.hint || hintInPlace(opening, plan.hint.id));
}

function check(target: FixTarget): { applicable: true } | NotApplicable {
  if (isApplied(target)) return { applicable: true };
  const { opening } = target;
  const tag = intrinsicTagOf(opening)?.tag;
  const name = fieldNameOf(opening);
  if (tag !== 'input' && tag !== 'textarea') {
    return { applicable: false, reason: `<${tagNameOf(opening)}> is not a text field: the hints go on the <input> or <textarea> where sessions stopped (open the component that renders it)` };
  }
  const type = staticAttribute(opening, 'type');
  if (type && NOT_TYPED.has(type)) return { applicable: false, reason: `${name} is an <input type="${type}">, which is not typed into` };
  const plan = planOf(opening);
  if (offersSomething(plan)) return { applicable: true };
  const unreadable = plan.pattern ? `its pattern "${plan.pattern}" is beyond what the fix can put into words, and ` : '';
  return {
    applicable: false,
    reason: `nothing to add to ${name}: ${unreadable}its name and label match none of the field kinds the fix knows (email, phone, card, postal code, name, address…)${plan.pattern ? '' : ' and it has no pattern'}`,
  };
}

function describedByText(opening: JsxOpening, id: string): string {
  const current = opening.getAttribute('aria-describedby');
  if (!current || !Node.isJsxAttribute(current)) return `aria-describedby="${id}"`;
  const value = staticAttribute(opening, 'aria-describedby');
  if (value !== undefined) return `aria-describedby="${value} ${id}"`;
  const initializer = current.getInitializer();
  const expression = initializer && Node.isJsxExpression(initializer) ? initializer.getExpression()?.getText() : undefined;
  return expression ? `aria-describedby={\`\${${expression}} ${id}\`}` : `aria-describedby="${id}"`;
}

function apply(target: FixTarget) {
  const { opening, sourceFile } = target;
  const element = elementOf(opening);
  const plan = planOf(opening);
  const attributes: AttributeSource[] = [...opening.getAttributes()];
  const added: string[] = [];
  for (const change of plan.attributes) {
    const existing = opening.getAttribute(change.name);
    if (existing) attributes[attributes.indexOf(existing)] = change.text;
    else added.push(change.text);
  }
  if (plan.hint) {
    const existing = opening.getAttribute('aria-describedby');
    if (existing) attributes[attributes.indexOf(existing)] = describedByText(opening, plan.hint.id);
    else added.push(describedByText(opening, plan.hint.id));
  }
  attributes.splice(attributeInsertIndex(opening), 0, ...added);
  const elementText = elementTextWith(element, printOpening(opening, tagNameOf(opening), attributes), tagNameOf(opening));
  if (!plan.hint) {
    const originalText = element.getText();
    return { node: markupAt(sourceFile, replaceMarkup(element, elementText)), originalText };
  }
  // A <p> may not sit inside a <label>: a field wrapped in its label gets the hint after the label.
  const label = element.getParent()?.getParent();
  const container = label && Node.isJsxElement(label) && tagNameOf(label.getOpeningElement()) === 'label' ? label : element;
  const containerText =
    container === element
      ? elementText
      : container.getText().slice(0, element.getStart() - container.getStart()) + elementText + container.getText().slice(element.getEnd() - container.getStart());
  const quote = sourceFile.getProject().manipulationSettings.getQuoteKind() as string;
  const parent = container.getParent();
  const hintTag = parent && Node.isJsxElement(parent) && PHRASING_ONLY.has(tagNameOf(parent.getOpeningElement())) ? 'span' : 'p';
  const hint = `<${hintTag} id="${plan.hint.id}" className="field-hint">${jsxText(plan.hint.text, quote)}</${hintTag}>`;
  const changed = withMarkupAfter(container, containerText, hint);
  const originalText = changed.node.getText();
  return { node: markupAt(sourceFile, replaceMarkup(changed.node, changed.text)), originalText };
}

/** How users know the field: its label, else `the “taxRef” field`. */
function fieldNameOf(opening: JsxOpening): string {
  const clues = cluesOf(opening);
  if (clues.label) return `“${clues.label}”`;
  const name = clues.name ?? clues.id;
  return name ? `the “${name}” field` : `<${tagNameOf(opening)}>`;
}

function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const fieldInputHintsFix: FixDefinition = {
  id: 'field-input-hints',
  kinds: ['form_abandonment'],
  title(target) {
    const plan = planOf(target.opening);
    const changes = [...(plan.hint ? ['a format hint'] : []), ...plan.attributes.map((a) => a.name)];
    return `Add ${listed(changes.length > 0 ? changes : ['input hints'])} to ${fieldNameOf(target.opening)}`;
  },
  check,
  isApplied,
  rationale(target) {
    const { opening, hotspot } = target;
    const plan = planOf(opening);
    const field = opening.getAttribute('required') ? 'a required field' : 'a field';
    const problem = plan.hint ? 'whose pattern is not explained on screen' : `without the hints browsers use to fill a${/^[aeiou]/.test(plan.kind?.kind ?? '') ? 'n' : ''} ${plan.kind?.kind ?? 'value'}`;
    return `${reachOf(hotspot)} abandoned the form at ${fieldNameOf(opening)}, ${field} ${problem}; ${outcomeOf(hotspot)}.`;
  },
  apply,
  verification(target, flag) {
    const { opening, hotspot } = target;
    const name = fieldNameOf(opening);
    const reference = elementReference(hotspot, name);
    return verificationPlan({
      hotspot,
      friction: `form abandonment at ${name}`,
      measure: `sessions that changed ${reference} and left ${hotspot.page} without submitting (a funnel from the field's $autocapture change to the form's submit)`,
      flag,
      extraSteps: opening.getAttribute('required')
        ? [
            `If abandonment stays high with the hints, question the field itself: it is required and ${percent(hotspot.share)} of ${hotspot.page} sessions stopped at it. Making it optional changes what the server receives, a product decision the data cannot make alone.`,
          ]
        : [],
    });
  },
};
