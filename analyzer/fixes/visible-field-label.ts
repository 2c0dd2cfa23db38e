// Visible field label: a field people pause at or abandon the form on, named only by a placeholder (gone as soon as
// they type), an aria-label (never seen) or nothing, gets a visible <label htmlFor> tied to its id. The text comes
// from the aria-label, else a placeholder that is a name rather than an example ("e.g. WELCOME10", "MM/YY"), else the
// humanised name or id; the placeholder stays. The field gets an id (from its name) when it has none.
// The label goes before the field (after it for a checkbox or radio) as a sibling when the parent is JSX; a field that
// is a component's returned root or an expression's value is wrapped in a <div> with its label, so the component still
// renders one box in its caller's layout (a fragment would make the label a separate flex or grid item).
import { Node, type JsxAttribute } from 'ts-morph';
import { hesitationDetector } from '../signals/hesitation';
import { indentationAt, jsxNodeStartingAt, jsxText, reindent, spliceFile, startsLine, type Splice } from './text-layout';
import { outcomeOf, reachOf, verificationPlan } from './fix-evidence';
import { newAttribute } from './inline-style';
import { staticAttribute, type JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget } from './types';

const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
/** Inputs that are buttons or invisible, not fields to label. */
const NOT_FIELDS = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
/** Their label follows them (the platform convention for choices). */
const LABEL_AFTER = new Set(['checkbox', 'radio']);
const HIDING_CLASSES = /(^|\s)(sr-only|visually-hidden|visuallyhidden|screen-reader-only|a11y-hidden|hidden)(\s|$)/;

function tagOf(opening: JsxOpening): string {
  return opening.getTagNameNode().getText();
}

function isField(opening: JsxOpening): boolean {
  return FIELD_TAGS.has(tagOf(opening)) && !(tagOf(opening) === 'input' && NOT_FIELDS.has(staticAttribute(opening, 'type') ?? 'text'));
}

function openingOf(node: Node): JsxOpening | undefined {
  if (Node.isJsxElement(node)) return node.getOpeningElement();
  if (Node.isJsxSelfClosingElement(node)) return node;
  return undefined;
}

function elementChildren(node: Node): JsxOpening[] {
  if (!Node.isJsxElement(node) && !Node.isJsxFragment(node)) return [];
  return node.getJsxChildren().flatMap((c) => openingOf(c) ?? []);
}

/** The id as written: `"email"` for id="email", the expression text for id={fieldId}. */
function idSource(opening: JsxOpening, attribute = 'id'): string | undefined {
  const found = opening.getAttribute(attribute);
  if (!found || !Node.isJsxAttribute(found)) return undefined;
  const init = found.getInitializer();
  if (!init) return undefined;
  const value = staticAttribute(opening, attribute);
  if (value !== undefined) return JSON.stringify(value);
  return Node.isJsxExpression(init) ? init.getExpression()?.getText() : undefined;
}

/**
 * The field the data points at: the element itself, or the field this fix labelled where it stood (the <label> now at
 * its place, or the <div> wrapping label and field).
 */
function fieldOf(opening: JsxOpening): JsxOpening {
  const element = Node.isJsxOpeningElement(opening) ? opening.getParentOrThrow() : opening;
  if (tagOf(opening) === 'label') {
    const siblings = elementChildren(element.getParentOrThrow());
    const next = siblings[siblings.indexOf(opening) + 1];
    if (next && isField(next) && idSource(next) !== undefined && idSource(next) === idSource(opening, 'htmlFor')) return next;
  }
  if (tagOf(opening) === 'div' && opening.getAttributes().length === 0) {
    const [first, second, ...rest] = elementChildren(element);
    if (rest.length === 0 && first && second) {
      const [label, field] = tagOf(first) === 'label' ? [first, second] : [second, first];
      if (tagOf(label) === 'label' && isField(field) && idSource(field) === idSource(label, 'htmlFor')) return field;
    }
  }
  return opening;
}

interface LabelState {
  label?: JsxOpening;
  hidden?: string;
}

/** The field's <label>: one wrapping it, or one whose htmlFor names its id. */
function labelOf(field: JsxOpening): LabelState {
  for (const ancestor of field.getAncestors()) {
    if (Node.isFunctionLikeDeclaration(ancestor) || Node.isArrowFunction(ancestor)) break;
    const opening = openingOf(ancestor);
    if (opening && tagOf(opening) === 'label') return { label: opening, hidden: hiddenBy(opening) };
  }
  const id = idSource(field);
  if (id === undefined) return {};
  const label = field
    .getSourceFile()
    .getDescendants()
    .filter((n): n is JsxOpening => Node.isJsxOpeningElement(n) || Node.isJsxSelfClosingElement(n))
    .find((o) => tagOf(o) === 'label' && idSource(o, 'htmlFor') === id);
  return label ? { label, hidden: hiddenBy(label) } : {};
}

function hiddenBy(label: JsxOpening): string | undefined {
  const classes = staticAttribute(label, 'className') ?? '';
  return HIDING_CLASSES.exec(classes)?.[2];
}

/** "couponCode", "coupon-code", "address[line1]" -> "Coupon code", "Address line1". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_[\].\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A placeholder that shows a sample value or a format is not a name for the field. */
function isExample(placeholder: string): boolean {
  return /^(e\.?g\.?|ex\.?|for example|such as)\b/i.test(placeholder) || /[@\d]/.test(placeholder) || /^[A-Z]{1,4}([/.\- ][A-Z]{1,4})+$/.test(placeholder);
}

/** The words for the label, and where they came from. */
function labelTextOf(target: FixTarget, field: JsxOpening): { text: string; source: string } | undefined {
  const recorded = target.hotspot.element?.attributes ?? {};
  const ariaLabel = staticAttribute(field, 'aria-label') ?? recorded['aria-label'];
  if (ariaLabel) return { text: ariaLabel, source: `an aria-label ("${ariaLabel}") that nobody sees` };
  const placeholder = staticAttribute(field, 'placeholder') ?? recorded.placeholder;
  const placeholderSource = placeholder ? `its placeholder ("${placeholder}"), which disappears as they type` : undefined;
  if (placeholder && !isExample(placeholder)) return { text: placeholder.replace(/(…|\.\.\.)$/, ''), source: placeholderSource! };
  const name = staticAttribute(field, 'name') ?? recorded.name ?? staticAttribute(field, 'id') ?? target.hotspot.element?.id;
  if (name) return { text: humanise(name), source: placeholderSource ?? `nothing visible (only its name, "${name}")` };
  return undefined;
}

/** The id to tie the label to: the field's own, else one made from its name (or the label's words). */
function idFor(field: JsxOpening, labelText: string): { source: string; add?: string } {
  const own = idSource(field);
  if (own !== undefined) return { source: own };
  const name = field.getAttribute('name');
  const nameValue = staticAttribute(field, 'name');
  if (name && nameValue === undefined) {
    const expression = idSource(field, 'name');
    if (expression) return { source: expression, add: `id={${expression}}` };
  }
  const base = (nameValue ?? labelText.toLowerCase()).replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'field';
  const taken = new Set(field.getSourceFile().getDescendants().flatMap((n) => (Node.isJsxAttribute(n) && n.getNameNode().getText() === 'id' ? [n.getText()] : [])));
  let id = base;
  for (let n = 2; taken.has(`id="${id}"`); n++) id = `${base}-${n}`;
  return { source: JSON.stringify(id), add: `id="${id}"` };
}

/** Before the name attribute when there is one (id, then name, as most forms write them), else after the others. */
function idAttribute(field: JsxOpening, attribute: string, text: string): Splice {
  const name = field.getAttribute('name') as JsxAttribute | undefined;
  if (!name) return newAttribute(field, () => attribute, text);
  const at = name.getStart();
  return { start: at, end: at, text: startsLine(text, at) ? `${attribute}\n${indentationAt(text, at)}` : `${attribute} ` };
}

function fieldName(target: FixTarget): string {
  const text = labelTextOf(target, fieldOf(target.opening))?.text;
  return text ? `the "${text}" field` : `the <${tagOf(fieldOf(target.opening))}>`;
}

export const visibleFieldLabelFix: FixDefinition = {
  id: 'visible-field-label',
  kinds: ['hesitation', 'form_abandonment'],
  title: (target) => `Give ${fieldName(target)} a visible label`,
  check(target) {
    const field = fieldOf(target.opening);
    const tag = tagOf(field);
    if (/^[A-Z]|\./.test(tag)) {
      return { applicable: false, reason: `<${tag}> is a component: whether it passes an id on to its field cannot be seen here; add the label inside <${tag}>.` };
    }
    if (!isField(field)) return { applicable: false, reason: `<${tag}> is not a form field (an input, a select or a textarea), so there is nothing to label.` };
    const { label, hidden } = labelOf(field);
    if (label && hidden) return { applicable: false, reason: `the field has a <label> hidden with the class "${hidden}": show that one rather than adding a second.` };
    const labelledBy = staticAttribute(field, 'aria-labelledby');
    if (!label && labelledBy) return { applicable: false, reason: `the field is named by another element (aria-labelledby="${labelledBy}"); if that text is not visible, make it a <label>.` };
    if (!labelTextOf(target, field)) return { applicable: false, reason: 'nothing names the field (no aria-label, placeholder, name or id), so there are no words for a label; write one by hand.' };
    return { applicable: true };
  },
  isApplied(target) {
    const { label, hidden } = labelOf(fieldOf(target.opening));
    return label !== undefined && hidden === undefined;
  },
  rationale(target) {
    const h = target.hotspot;
    const words = labelTextOf(target, fieldOf(target.opening));
    const what = h.kind === 'form_abandonment' ? `left the form at ${fieldName(target)}` : `paused before ${fieldName(target)}, far longer than usual on this page`;
    return `${reachOf(h)} ${what}; it is named only by ${words?.source ?? 'nothing visible'}; ${outcomeOf(h)}.`;
  },
  apply(target) {
    const field = fieldOf(target.opening);
    const sourceFile = target.sourceFile;
    const text = sourceFile.getFullText();
    const words = labelTextOf(target, field)!;
    const id = idFor(field, words.text);
    const label = `<label htmlFor=${id.source.startsWith('"') ? id.source : `{${id.source}}`}>${jsxText(words.text, sourceFile.getProject().manipulationSettings.getQuoteKind())}</label>`;
    const element = Node.isJsxOpeningElement(field) ? field.getParentOrThrow() : field;
    const start = element.getStart();
    const end = element.getEnd();
    const after = LABEL_AFTER.has(staticAttribute(field, 'type') ?? '');
    const idSplices = id.add ? [idAttribute(field, id.add, text)] : [];
    const parent = element.getParentOrThrow();
    const indentation = indentationAt(text, start);
    if (Node.isJsxElement(parent) || Node.isJsxFragment(parent)) {
      const parentStart = parent.getStart();
      const originalText = parent.getText();
      const ownLine = after ? /^[ \t]*\r?\n/.test(text.slice(end)) : startsLine(text, start);
      const labelSplice = after
        ? { start: end, end, text: ownLine ? `\n${indentation}${label}` : ` ${label}` }
        : { start, end: start, text: ownLine ? `${label}\n${indentation}` : `${label} ` };
      spliceFile(sourceFile, [...idSplices, labelSplice]);
      return { node: jsxNodeStartingAt(sourceFile, parentStart), originalText };
    }
    const originalText = element.getText();
    const fieldText = reindent(
      idSplices.reduce((t, s) => t.slice(0, s.start - start) + s.text + t.slice(s.end - start), text.slice(start, end)),
      indentation,
      indentation + sourceFile.getProject().manipulationSettings.getIndentationText(),
    );
    const inner = indentation + sourceFile.getProject().manipulationSettings.getIndentationText();
    const [first, second] = after ? [fieldText, label] : [label, fieldText];
    spliceFile(sourceFile, [{ start, end, text: `<div>\n${inner}${first}\n${inner}${second}\n${indentation}</div>` }]);
    return { node: jsxNodeStartingAt(sourceFile, start), originalText };
  },
  verification(target, flag) {
    const h = target.hotspot;
    const name = fieldName(target);
    const abandoned = h.kind === 'form_abandonment';
    return verificationPlan({
      hotspot: h,
      friction: abandoned ? `form abandonment at ${name}` : `hesitation before ${name}`,
      measure: abandoned
        ? `sessions that focus ${name} and never submit the form (friction analyze on the new recordings)`
        : `pauses of ${hesitationDetector.defaults.minIdleMs / 1000} s or more before ${name} (friction analyze on the new recordings)`,
      flag,
    });
  },
};
