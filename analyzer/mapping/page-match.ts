// Maps a page (URL path) onto the route declaration that renders it, for hotspots that have no element.
import type { RouteEntry, SourceIndex, SourceLocation } from './types';
import type { MatchOptions } from './match';

/** Route matches are structural, never proof of which element misbehaved: they stay at or below 0.6. */
export const ROUTE_CONFIDENCE = { exact: 0.6, parameter: 0.5, regex: 0.5, prefixWildcard: 0.35, catchAll: 0.2 } as const;
/** The component's own declaration is offered just below its route. */
const DECLARATION_OFFSET = 0.05;
/** A path literal with no component in sight (a switch that fetches, a config entry) is a weaker route. */
const NO_COMPONENT_FACTOR = 0.75;

export function mapPageToSource(pagePath: string, index: SourceIndex, opts: MatchOptions = {}): SourceLocation[] {
  const minConfidence = opts.minConfidence ?? 0.25;
  const maxResults = opts.maxResults ?? 3;
  const target = normalisePath(pagePath);
  const results: SourceLocation[] = [];
  for (const route of index.routes ?? []) {
    const matched = routeConfidence(route, target);
    if (matched === undefined) continue;
    const confidence = round2(route.component ? matched : matched * NO_COMPONENT_FACTOR);
    const location: SourceLocation = { file: route.file, line: route.line, column: route.column, confidence, evidence: [`route="${route.path}"`] };
    if (!route.component) {
      results.push(location);
      continue;
    }
    results.push({ ...location, component: route.component, evidence: [...location.evidence, `component=${route.component}`] });
    // Only a unique name is safe to follow: two "Cart" components in different folders would be a guess.
    const declarations = (index.components ?? []).filter((c) => c.name === route.component);
    if (declarations.length === 1) {
      const [decl] = declarations;
      results.push({
        file: decl.file, line: decl.line, column: decl.column, confidence: round2(confidence - DECLARATION_OFFSET),
        component: decl.name, evidence: [`component ${decl.name} rendered by route="${route.path}"`],
      });
    }
  }
  return results
    .filter((r) => r.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence)
    .filter((r, i, all) => all.findIndex((o) => o.file === r.file && o.line === r.line) === i)
    .slice(0, maxResults);
}

function routeConfidence(route: RouteEntry, target: string): number | undefined {
  if (route.kind === 'regex') {
    try {
      return new RegExp(route.path).test(target) || new RegExp(route.path).test(`${target}/`) ? ROUTE_CONFIDENCE.regex : undefined;
    } catch {
      return undefined; // a pattern JavaScript cannot compile is not a route we can evaluate
    }
  }
  return patternConfidence(normalisePath(route.path), target);
}

/** "/product/:id" matches "/product/42"; "/shop/*" matches below /shop; "*" matches anything, weakly. */
function patternConfidence(pattern: string, target: string): number | undefined {
  if (pattern === target) return ROUTE_CONFIDENCE.exact;
  const want = pattern.split('/').filter(Boolean);
  const have = target.split('/').filter(Boolean);
  let parameter = false;
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '*' || /^:\w+[*+]$/.test(segment)) {
      return i === 0 ? ROUTE_CONFIDENCE.catchAll : ROUTE_CONFIDENCE.prefixWildcard;
    }
    if (i >= have.length) return onlyOptional(want.slice(i)) ? ROUTE_CONFIDENCE.parameter : undefined;
    if (segment.startsWith(':')) parameter = true;
    else if (segment.replace(/\?$/, '').toLowerCase() !== have[i].toLowerCase()) return undefined;
  }
  if (want.length !== have.length) return undefined;
  return parameter ? ROUTE_CONFIDENCE.parameter : ROUTE_CONFIDENCE.exact;
}

/** Missing trailing segments are fine when all of them are optional ("/shop/:category?"). */
function onlyOptional(rest: string[]): boolean {
  return rest.every((s) => s.endsWith('?') || s === '*');
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Path only, no query / hash / origin / trailing slash. */
export function normalisePath(value: string): string {
  const path = value.replace(/^[a-z][\w+.-]*:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`;
}
