// Reads the class names a className expression can produce, statically: literals, template parts, clsx-style calls.
import { ts } from 'ts-morph';

/** Class-joining helpers whose string arguments (and object keys) are class names. */
export const CLASS_HELPERS = new Set(['clsx', 'classnames', 'classNames', 'cn', 'cx', 'twMerge', 'twJoin']);

export function classesFromExpression(expr: ts.Expression | undefined, out: Set<string> = new Set()): Set<string> {
  collect(expr, out, false);
  return out;
}

function collect(node: ts.Node | undefined, out: Set<string>, insideHelper: boolean): void {
  if (!node) return;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) addWords(node.text, out, false, false);
  else if (ts.isTemplateExpression(node)) collectTemplate(node, out);
  else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) {
    collect(node.expression, out, insideHelper);
  } else if (ts.isJsxExpression(node)) collect(node.expression, out, insideHelper);
  else if (ts.isConditionalExpression(node)) {
    collect(node.whenTrue, out, insideHelper);
    collect(node.whenFalse, out, insideHelper);
  } else if (ts.isBinaryExpression(node)) collectBinary(node, out, insideHelper);
  else if (ts.isCallExpression(node) && isClassHelper(node.expression)) {
    for (const arg of node.arguments) collect(arg, out, true);
  } else if (ts.isCallExpression(node) && isArrayJoin(node.expression)) {
    // ['btn', active && 'on'].filter(Boolean).join(' ')
    collect((node.expression as ts.PropertyAccessExpression).expression, out, true);
  } else if (insideHelper && ts.isArrayLiteralExpression(node)) {
    for (const element of node.elements) collect(element, out, true);
  } else if (insideHelper && ts.isObjectLiteralExpression(node)) {
    // clsx({ 'is-active': active, disabled }) -> the keys are the classes.
    for (const prop of node.properties) {
      const name = prop.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) addWords(name.text, out, false, false);
    }
  }
}

function collectBinary(node: ts.BinaryExpression, out: Set<string>, insideHelper: boolean): void {
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) collect(node.right, out, insideHelper);
  else if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
    collect(node.left, out, insideHelper);
    collect(node.right, out, insideHelper);
  } else if (op === ts.SyntaxKind.PlusToken) {
    // 'btn btn-' + size: a literal's edge word glued to a dynamic operand is only part of a class.
    const left = literalText(node.left);
    const right = literalText(node.right);
    if (left !== undefined) addWords(left, out, false, right === undefined);
    else collect(node.left, out, insideHelper);
    if (right !== undefined) addWords(right, out, left === undefined, false);
    else collect(node.right, out, insideHelper);
  }
}

function collectTemplate(node: ts.TemplateExpression, out: Set<string>): void {
  addWords(node.head.text, out, false, true);
  node.templateSpans.forEach((span, i) => {
    collect(span.expression, out, false);
    const last = i === node.templateSpans.length - 1;
    addWords(span.literal.text, out, true, !last);
  });
}

function literalText(node: ts.Expression): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** Adds whitespace-separated words, dropping a first/last word that touches a substitution (`btn-${size}`). */
function addWords(text: string, out: Set<string>, gluedStart: boolean, gluedEnd: boolean): void {
  const words = text.split(/\s+/);
  words.forEach((word, i) => {
    if (!word) return;
    if (i === 0 && gluedStart) return;
    if (i === words.length - 1 && gluedEnd) return;
    out.add(word);
  });
}

const ARRAY_PASS_THROUGH = new Set(['join', 'filter', 'concat', 'trim']);

function isArrayJoin(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && ARRAY_PASS_THROUGH.has(callee.name.text);
}

function isClassHelper(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return CLASS_HELPERS.has(callee.text);
  // utils.cn(...) or classNames.default(...) after bundler interop.
  if (ts.isPropertyAccessExpression(callee)) return CLASS_HELPERS.has(callee.name.text) || isClassHelper(callee.expression);
  return false;
}
