// Rage clicks on a submit button: while the form's action runs, the button is disabled, aria-busy and says what is
// happening. React 19's `useFormStatus()` (react-dom) gives `pending` to a component rendered inside the <form>, so
// the hook goes at the top of the button's own component, as in examples/shop/fixed/PayButton.tsx. It cannot work when
// the <form> is in that same component, when the button names its form with `form="…"`, when the button has its own
// onClick (the form's status does not cover it) or in a class component: check() says so. useFormStatus reports
// actions (`<form action={fn}>`), not onSubmit handlers, which the rendering parent decides: the plan checks it first.
import { Node, type Expression, type JsxAttribute, type JsxElement } from 'ts-morph';
import { enclosingComponent, ensureNamedImport, hookDeclarationIn, insertHookCall, usesName, usesSemicolons, type ComponentFunction } from './component-scope';
import { reindent } from './text-layout';
import { elementReference, outcomeOf, reachOf, verificationPlan } from './fix-evidence';
import {
  attributeInsertIndex,
  childrenSpan,
  elementOf,
  elementTextWith,
  indentUnitOf,
  intrinsicTagOf,
  lineIndentAt,
  markupAt,
  meaningfulChildren,
  nameOf,
  printOpening,
  quoted,
  replaceMarkup,
  staticTextOf,
  tagNameOf,
  type AttributeSource,
} from './jsx-markup';
import { staticAttribute, type JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget, NotApplicable } from './types';

/** What the button says while pending, by the verb it starts with; anything else says DEFAULT_PROGRESS_LABEL. */
const PROGRESS_LABELS: [RegExp, string][] = [
  [/^pay\b/i, 'Processing payment…'],
  [/^place (your )?order\b/i, 'Placing order…'],
  [/^(save|update)\b/i, 'Saving…'],
  [/^send\b/i, 'Sending…'],
  [/^subscribe\b/i, 'Subscribing…'],
  [/^(sign|log) ?in\b/i, 'Signing in…'],
  [/^(sign up|register|create (an )?account)\b/i, 'Creating account…'],
  [/^submit\b/i, 'Submitting…'],
];
const DEFAULT_PROGRESS_LABEL = 'Processing…';

/** Expressions that stay one operand to the left of `||` without parentheses. */
const OPERAND_KINDS = ['Identifier', 'PropertyAccessExpression', 'ElementAccessExpression', 'CallExpression', 'PrefixUnaryExpression', 'ParenthesizedExpression'];
const OPERAND_OPERATORS = ['&&', '||', '===', '!==', '==', '!=', '<', '>', '<=', '>='];

function progressLabelOf(text: string): string {
  return PROGRESS_LABELS.find(([verb]) => verb.test(text))?.[1] ?? DEFAULT_PROGRESS_LABEL;
}

/** The local name of `pending` from a `const { pending } = useFormStatus()` the component already has. */
function pendingBindingOf(component: ComponentFunction): string | undefined {
  const declaration = hookDeclarationIn(component, 'useFormStatus');
  const pattern = declaration && Node.isVariableStatement(declaration) ? declaration.getDeclarations()[0].getNameNode() : undefined;
  if (!pattern || !Node.isObjectBindingPattern(pattern)) return undefined;
  const element = pattern.getElements().find((e) => (e.getPropertyNameNode()?.getText() ?? e.getName()) === 'pending');
  return element?.getName();
}

/** The JSX <form> between the button and its component, if the component renders both. */
function formInSameComponent(opening: JsxOpening, component: ComponentFunction): boolean {
  for (let current: Node | undefined = elementOf(opening).getParent(); current && current !== component; current = current.getParent()) {
    if (Node.isJsxElement(current) && intrinsicTagOf(current.getOpeningElement())?.tag === 'form') return true;
  }
  return false;
}

function isApplied(target: FixTarget): boolean {
  const { opening } = target;
  // aria-busy is how a button announces a pending state, whoever wrote it.
  return intrinsicTagOf(opening)?.tag === 'button' && opening.getAttribute('aria-busy') !== undefined && staticAttribute(opening, 'aria-busy') !== 'false';
}

function check(target: FixTarget): { applicable: true } | NotApplicable {
  if (isApplied(target)) return { applicable: true };
  const { opening } = target;
  const name = nameOf(target);
  if (intrinsicTagOf(opening)?.tag !== 'button') {
    return { applicable: false, reason: `${name} is not a submit button (<${tagNameOf(opening)}>): a pending state belongs on the <button type="submit"> that sends the form` };
  }
  const type = staticAttribute(opening, 'type');
  if (type === 'button' || type === 'reset') return { applicable: false, reason: `${name} is a type="${type}" button, which does not submit a form` };
  if (opening.getAttribute('onClick')) {
    return { applicable: false, reason: `${name} has its own onClick handler; useFormStatus only tracks the form's action, so the pending state has to come from that handler` };
  }
  if (opening.getAttribute('form')) return { applicable: false, reason: `${name} names its form with form="…", and useFormStatus only reads a parent <form>` };
  const scope = enclosingComponent(opening);
  if ('reason' in scope) return { applicable: false, reason: `${name} cannot read its form's status: ${scope.reason}` };
  if (formInSameComponent(opening, scope.component)) {
    return {
      applicable: false,
      reason: `the <form> is rendered by ${scope.name} itself, and useFormStatus only reads the form of a parent component: move ${name} into its own component first`,
    };
  }
  if (type !== 'submit') return { applicable: false, reason: `${name} has no type="submit" and no <form> around it in this file, so it is not known to submit one` };
  return { applicable: true };
}

/** `disabled={existing || pending}`, parenthesising the existing condition when `||` would bind into it. */
function combinedDisabled(attribute: JsxAttribute, pending: string): string | undefined {
  const initializer = attribute.getInitializer();
  if (!initializer || !Node.isJsxExpression(initializer)) return undefined;
  const expression = initializer.getExpression();
  if (!expression) return undefined;
  const operand =
    OPERAND_KINDS.includes(expression.getKindName()) || (Node.isBinaryExpression(expression) && OPERAND_OPERATORS.includes(expression.getOperatorToken().getText()))
      ? expression.getText()
      : `(${expression.getText()})`;
  return `disabled={${operand} || ${pending}}`;
}

/** The children as one expression: a string, the single child, or a fragment (on its own lines when they were). */
function childrenExpression(element: JsxElement, span: { start: number; end: number }, indent: string, unit: string, quote: string): string {
  const children = meaningfulChildren(element);
  const text = element.getSourceFile().getFullText().slice(span.start, span.end);
  const only = children.length === 1 ? children[0] : undefined;
  if (only && Node.isJsxText(only)) return quoted(text.replace(/\s+/g, ' '), quote);
  if (only && Node.isJsxExpression(only) && only.getExpression()) return (only.getExpression() as Expression).getText();
  if (only && !text.includes('\n')) return text;
  if (!text.includes('\n')) return `<>${text}</>`;
  return `(\n${indent}${unit}<>\n${indent}${unit}${unit}${reindent(text, indent, indent + unit + unit)}\n${indent}${unit}</>\n${indent})`;
}

function apply(target: FixTarget) {
  const { opening, sourceFile } = target;
  const element = elementOf(opening);
  const originalText = element.getText();
  const scope = enclosingComponent(opening) as { component: ComponentFunction };
  const existing = pendingBindingOf(scope.component);
  const pending = existing ?? (usesName(scope.component, 'pending') ? 'formPending' : 'pending');
  const quote = sourceFile.getProject().manipulationSettings.getQuoteKind() as string;
  const semicolons = usesSemicolons(sourceFile);

  const attributes: AttributeSource[] = [...opening.getAttributes()];
  const disabled = opening.getAttribute('disabled');
  const added = [`aria-busy={${pending}}`];
  if (!disabled) added.unshift(`disabled={${pending}}`);
  else if (Node.isJsxAttribute(disabled)) {
    const combined = combinedDisabled(disabled, pending);
    if (combined) attributes[attributes.indexOf(disabled)] = combined;
  }
  attributes.splice(attributeInsertIndex(opening), 0, ...added);
  const openingText = printOpening(opening, tagNameOf(opening), attributes);

  const span = Node.isJsxElement(element) ? childrenSpan(element) : undefined;
  let children: { start: number; end: number; text: string } | undefined;
  if (span && Node.isJsxElement(element)) {
    const label = quoted(progressLabelOf(staticTextOf(element)), quote);
    const original = childrenExpression(element, span, lineIndentAt(sourceFile, span.start), indentUnitOf(sourceFile), quote);
    children = { ...span, text: `{${pending} ? ${label} : ${original}}` };
  }
  const anchor = replaceMarkup(element, elementTextWith(element, openingText, tagNameOf(opening), children));

  if (!existing) {
    const component = enclosingComponent(markupAt(sourceFile, anchor)) as { component: ComponentFunction };
    insertHookCall(component.component, pending === 'pending' ? 'const { pending } = useFormStatus()' : `const { pending: ${pending} } = useFormStatus()`, semicolons);
    ensureNamedImport(sourceFile, 'react-dom', 'useFormStatus', semicolons);
  }
  return { node: markupAt(sourceFile, anchor), originalText };
}

export const pendingSubmitStateFix: FixDefinition = {
  id: 'pending-submit-state',
  kinds: ['rage_click'],
  title: (target) => `Show a pending state on ${nameOf(target)} while the form submits`,
  check,
  isApplied,
  rationale(target) {
    return `${reachOf(target.hotspot)} rage-clicked ${nameOf(target)} while the form submitted with nothing changing on screen; ${outcomeOf(target.hotspot)}.`;
  },
  apply,
  verification(target, flag) {
    const { hotspot } = target;
    const name = nameOf(target);
    const scope = enclosingComponent(target.opening);
    const component = 'name' in scope ? `<${scope.name} />` : name;
    return verificationPlan({
      hotspot,
      friction: `rage clicks on ${name}`,
      measure: `$rageclick events on ${elementReference(hotspot, `the button ${name}`)}`,
      flag,
      checksFirst: [
        `Check that the <form> around ${component} submits through an action (<form action={…}>): useFormStatus reports pending for actions only, not for onSubmit handlers.`,
      ],
    });
  },
};
