// PostHog's `elements_chain` (posthog-js elementsToString, FACTS.md 2.6) -> ElementDescriptor, so autocapture,
// $rageclick and $dead_click events aggregated by HogQL map onto source exactly like replayed clicks.
// Format: elements joined by ';', target first; each is tag + '.class'* + ':' + key="value" pairs, no separator,
// keys text, href, nth-child, nth-of-type, attr_id and attr__<raw attribute>; quotes inside values are \".
import type { AncestorDescriptor, ElementDescriptor } from '../../replay/types';
import type { SelectorStep } from '../../replay/selector';
import { assembleDescriptor } from '../../replay/assemble-descriptor';

export interface ChainElement {
  tag: string;
  classes: string[];
  attributes: Record<string, string>;
  text?: string;
  href?: string;
  nthChild?: number;
  nthOfType?: number;
}

/** Split on a separator outside double-quoted values (which may contain escaped quotes). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quoted && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const PAIR = /([\w$-]+)="((?:[^"\\]|\\.)*)"/g;

export function parseChainElement(raw: string): ChainElement | undefined {
  const colon = splitOutsideQuotes(raw, ':');
  const head = colon[0].trim();
  const rest = colon.slice(1).join(':');
  const [tag, ...classes] = head.split('.');
  if (!tag && classes.length === 0) return undefined;
  const element: ChainElement = { tag: (tag || 'div').toLowerCase(), classes: classes.filter(Boolean), attributes: {} };
  for (const m of rest.matchAll(PAIR)) {
    const key = m[1];
    const value = m[2].replace(/\\(.)/g, '$1');
    if (key === 'text') element.text = value;
    else if (key === 'href') element.href = value;
    else if (key === 'nth-child') element.nthChild = Number(value);
    else if (key === 'nth-of-type') element.nthOfType = Number(value);
    else if (key === 'attr_id') element.attributes.id = value;
    else if (key.startsWith('attr__')) element.attributes[key.slice('attr__'.length)] = value;
  }
  if (element.href && !element.attributes.href) element.attributes.href = element.href;
  return element;
}

export function parseElementsChain(chain: string): ChainElement[] {
  if (!chain) return [];
  return splitOutsideQuotes(chain, ';')
    .map((part) => parseChainElement(part))
    .filter((e): e is ChainElement => e !== undefined);
}

/** The target element (first in the chain) as an ElementDescriptor; undefined for an empty chain. */
export function descriptorFromChain(chain: string): ElementDescriptor | undefined {
  const elements = parseElementsChain(chain);
  if (elements.length === 0) return undefined;
  const [target, ...parents] = elements;
  const ancestors: AncestorDescriptor[] = parents
    .filter((p) => p.tag !== 'html')
    .slice(0, 12)
    .map((p) => ({ tag: p.tag, id: p.attributes.id, classes: p.classes, testId: p.attributes['data-testid'], role: p.attributes.role }));
  const steps: SelectorStep[] = elements.map((e) => ({ tag: e.tag, id: e.attributes.id, testId: e.attributes['data-testid'], classes: e.classes, nthOfType: e.nthOfType && e.nthOfType > 1 ? e.nthOfType : undefined }));
  return assembleDescriptor({
    tag: target.tag,
    rawAttributes: target.attributes,
    classes: target.classes,
    text: target.text?.replace(/\s+/g, ' ').trim(),
    ancestors,
    steps,
    href: target.href,
  });
}
