// Error clicks: the element's onClick throws, the error goes to window.onerror and the user sees nothing. The handler
// is wrapped so the exception is caught, logged with console.error and shown as a recoverable message right after the
// element (a role="alert" paragraph driven by component state, cleared on the next click). This makes the failure
// visible and retryable; the cause is still the thrown error in the recordings, which the plan says to fix too.
// Named handlers are called with the event only when their type takes parameters, and awaited when they return a
// promise (the type checker of the file's own declarations says which); inline handlers keep their parameters and
// async-ness and get their body inside the try.
import { Node, SyntaxKind, type ArrowFunction, type Expression, type FunctionExpression, type SourceFile, type Type } from 'ts-morph';
import { enclosingComponent, ensureNamedImport, insertHookCall, statement, usesName, usesSemicolons, type ComponentFunction } from './component-scope';
import { reindent } from './text-layout';
import { elementReference, outcomeOf, reachOf, verificationPlan } from './fix-evidence';
import {
  elementOf,
  elementTextWith,
  indentUnitOf,
  lineIndentOf,
  markupAt,
  nameOf,
  needsKeyedFragment,
  printOpening,
  quoted,
  replaceMarkup,
  tagNameOf,
  withMarkupAfter,
  type AttributeSource,
} from './jsx-markup';
import type { JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget, NotApplicable } from './types';

const ERROR_STATE = 'actionError';
const ERROR_SETTER = 'setActionError';
export const ACTION_ERROR_MESSAGE = 'Something went wrong. Please try again.';

/** The handler expression of the element's own onClick, if it has one written as `onClick={...}`. */
function handlerOf(opening: JsxOpening): Expression | undefined {
  const attribute = opening.getAttribute('onClick');
  if (!attribute || !Node.isJsxAttribute(attribute)) return undefined;
  const initializer = attribute.getInitializer();
  return initializer && Node.isJsxExpression(initializer) ? initializer.getExpression() : undefined;
}

function isInlineFunction(handler: Expression): handler is ArrowFunction | FunctionExpression {
  return Node.isArrowFunction(handler) || Node.isFunctionExpression(handler);
}

/** The state the fix adds (or an earlier application added) to the component. */
function hasErrorState(component: ComponentFunction): boolean {
  return component.getDescendantsOfKind(SyntaxKind.VariableDeclaration).some((declaration) => {
    const name = declaration.getNameNode();
    return Node.isArrayBindingPattern(name) && name.getText().replace(/\s/g, '') === `[${ERROR_STATE},${ERROR_SETTER}]`;
  });
}

function isApplied(target: FixTarget): boolean {
  const handler = handlerOf(target.opening);
  if (!handler || !isInlineFunction(handler)) return false;
  const body = handler.getBody();
  return Node.isBlock(body) && body.getStatements().some((s) => Node.isTryStatement(s) && s.getCatchClause() !== undefined);
}

function check(target: FixTarget): { applicable: true } | NotApplicable {
  if (isApplied(target)) return { applicable: true };
  const { opening } = target;
  const name = nameOf(target);
  const handler = handlerOf(opening);
  if (!handler) {
    return { applicable: false, reason: `${name} has no onClick handler of its own, so the error did not come from one here: look for a handler on a parent, or an error thrown while rendering` };
  }
  if (!isInlineFunction(handler) && !Node.isIdentifier(handler) && !Node.isPropertyAccessExpression(handler)) {
    return { applicable: false, reason: `the onClick of ${name} is computed (${handler.getText().slice(0, 40)}); the fix wraps inline functions and named handlers` };
  }
  const scope = enclosingComponent(opening);
  if ('reason' in scope) return { applicable: false, reason: `the error message needs component state, but ${scope.reason}` };
  if (usesName(scope.component, ERROR_STATE) && !hasErrorState(scope.component)) {
    return { applicable: false, reason: `${scope.name} already has something named ${ERROR_STATE}; rename it or show the error yourself` };
  }
  if (needsKeyedFragment(elementOf(opening))) {
    return { applicable: false, reason: `${name} is a keyed list item with no JSX parent here, so the message has no place beside it: render the item as its own component first` };
  }
  return { applicable: true };
}

function isPromise(type: Type): boolean {
  return type.getSymbol()?.getName() === 'Promise' || type.getUnionTypes().some((t) => t.getSymbol()?.getName() === 'Promise');
}

/**
 * What a named handler takes and returns, from the file's own declarations: its type when the checker knows it, else
 * the function given to `useCallback(...)` (React's types are not loaded while fixing); undefined when unknown.
 */
function signatureOf(handler: Expression): { parameters: number; async: boolean } | undefined {
  const signatures = handler.getType().getCallSignatures();
  if (signatures.length > 0) {
    return { parameters: Math.max(...signatures.map((s) => s.getParameters().length)), async: signatures.some((s) => isPromise(s.getReturnType())) };
  }
  const declaration = handler.getSymbol()?.getDeclarations()[0];
  const initializer = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  if (!initializer || !Node.isCallExpression(initializer) || !/(^|\.)useCallback$/.test(initializer.getExpression().getText())) return undefined;
  const callback = initializer.getArguments()[0];
  if (!callback || !(Node.isArrowFunction(callback) || Node.isFunctionExpression(callback))) return undefined;
  return { parameters: callback.getParameters().length, async: callback.isAsync() };
}

/** The new onClick text; lines after the first at `indent` (the attribute's indentation). */
function guardedHandler(handler: Expression, sourceFile: SourceFile, indent: string, semicolons: boolean): string {
  const unit = indentUnitOf(sourceFile);
  const inner = indent + unit;
  const body = inner + unit;
  let head: string;
  let statements: string;
  if (isInlineFunction(handler)) {
    const original = handler.getBody();
    head = handler.getText().slice(0, original.getStart() - handler.getStart());
    if (Node.isBlock(original)) {
      const first = original.getStatementsWithComments()[0];
      const content = original.getText().slice(1, -1).trim();
      statements = first ? reindent(content, lineIndentOf(first), body) : '';
    } else {
      const expression = Node.isParenthesizedExpression(original) ? original.getExpression() : original;
      const awaited = handler.isAsync() || isPromise(expression.getType());
      if (awaited && !handler.isAsync()) head = `async ${head}`;
      statements = statement(semicolons, `${awaited && !Node.isAwaitExpression(expression) ? 'await ' : ''}${expression.getText()}`);
    }
  } else {
    const signature = signatureOf(handler);
    const takesEvent = signature?.parameters !== 0;
    const awaited = signature?.async ?? false;
    head = `${awaited ? 'async ' : ''}${takesEvent ? '(event)' : '()'} => `;
    statements = statement(semicolons, `${awaited ? 'await ' : ''}${handler.getText()}(${takesEvent ? 'event' : ''})`);
  }
  const quote = sourceFile.getProject().manipulationSettings.getQuoteKind() as string;
  return [
    `onClick={${head}{`,
    `${inner}${statement(semicolons, `${ERROR_SETTER}(null)`)}`,
    `${inner}try {`,
    ...(statements ? [`${body}${statements}`] : []),
    `${inner}} catch (error) {`,
    `${body}${statement(semicolons, `${ERROR_SETTER}(${quoted(ACTION_ERROR_MESSAGE, quote)})`)}`,
    `${body}${statement(semicolons, 'console.error(error)')}`,
    `${inner}}`,
    `${indent}}}`,
  ].join('\n');
}

function apply(target: FixTarget) {
  const { opening, sourceFile } = target;
  const element = elementOf(opening);
  const handler = handlerOf(opening)!;
  const semicolons = usesSemicolons(sourceFile);
  const attributeIndent = lineIndentOf(opening) + indentUnitOf(sourceFile);
  const attributes: AttributeSource[] = opening.getAttributes().map((a) => (Node.isJsxAttribute(a) && a.getNameNode().getText() === 'onClick' ? guardedHandler(handler, sourceFile, attributeIndent, semicolons) : a));
  const elementText = elementTextWith(element, printOpening(opening, tagNameOf(opening), attributes), tagNameOf(opening));
  const alert = `{${ERROR_STATE} && <p role="alert" className="action-error">{${ERROR_STATE}}</p>}`;
  const changed = withMarkupAfter(element, elementText, alert);
  const originalText = changed.node.getText();
  const anchor = replaceMarkup(changed.node, changed.text);

  const scope = enclosingComponent(markupAt(sourceFile, anchor)) as { component: ComponentFunction };
  if (!hasErrorState(scope.component)) {
    insertHookCall(scope.component, `const [${ERROR_STATE}, ${ERROR_SETTER}] = useState<string | null>(null)`, semicolons);
    ensureNamedImport(sourceFile, 'react', 'useState', semicolons);
  }
  return { node: markupAt(sourceFile, anchor), originalText };
}

export const guardedClickHandlerFix: FixDefinition = {
  id: 'guarded-click-handler',
  kinds: ['error_click'],
  title: (target) => `Show a message when ${nameOf(target)} fails instead of failing silently`,
  check,
  isApplied,
  rationale(target) {
    return `${reachOf(target.hotspot)} clicked ${nameOf(target)} and hit a JavaScript error with nothing shown on screen; ${outcomeOf(target.hotspot)}.`;
  },
  apply,
  verification(target, flag) {
    const { hotspot } = target;
    const name = nameOf(target);
    return verificationPlan({
      hotspot,
      friction: `error clicks on ${name}`,
      measure: `$exception events right after clicks on ${elementReference(hotspot, `the element ${name}`)}`,
      flag,
      extraSteps: [
        `Caught errors no longer reach window.onerror, so fewer error clicks alone prove nothing: count the "${ACTION_ERROR_MESSAGE}" alerts shown (or report the caught error, e.g. posthog.captureException in the catch) and fix the thrown error itself.`,
      ],
    });
  },
};
