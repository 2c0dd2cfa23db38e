// Folding slugs into route templates. Numeric and UUID segments fold syntactically (routeOf); slugs such as
// "/product/merino-crew" can only be recognised from data: a path position that takes many distinct values,
// all shaped alike (all leaves, or all with the same sub-paths), is an id; "/cart", "/checkout/…" and
// "/product/…" under the root are not, since they differ in shape. Explicit patterns always win.

/** A position that takes at least this many distinct values is treated as an id. */
export const MIN_DISTINCT_SLUGS = 5;

export type RouteFolder = (route: string) => string;

function matchesPattern(segments: string[], pattern: string[]): boolean {
  return segments.length === pattern.length && pattern.every((p, i) => p.startsWith(':') || p === '*' || p === segments[i]);
}

/** Learn folds from every route seen (already syntactically folded) plus explicit patterns. */
export function learnRouteFolder(routes: Iterable<string>, patterns: string[] = [], minDistinct = MIN_DISTINCT_SLUGS): RouteFolder {
  const explicit = patterns.map((p) => p.split('/'));
  const children = new Map<string, Set<string>>();
  for (const route of new Set(routes)) {
    const segments = route.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      let set = children.get(`${i}|${parent}`);
      if (!set) children.set(`${i}|${parent}`, (set = new Set()));
      set.add(segments[i]);
    }
  }
  // Signature of a value: the set of its child segments (empty for a leaf).
  const shapeOf = (depth: number, path: string) => [...(children.get(`${depth}|${path}`) ?? [])].sort().join(',');
  const foldable = new Map<string, boolean>();
  for (const [key, values] of children) {
    const [depthText, parent] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
    const depth = Number(depthText);
    const shapes = new Set([...values].map((v) => shapeOf(depth + 1, `${parent}/${v}`)));
    foldable.set(key, values.size >= minDistinct && shapes.size === 1);
  }
  const cache = new Map<string, string>();
  return (route: string) => {
    const cached = cache.get(route);
    if (cached !== undefined) return cached;
    const segments = route.split('/');
    const pattern = explicit.find((p) => matchesPattern(segments, p));
    let folded: string;
    if (pattern) folded = pattern.join('/');
    else {
      const out = [...segments];
      for (let i = 1; i < segments.length; i++) {
        const parent = segments.slice(0, i).join('/');
        if (segments[i] && foldable.get(`${i}|${parent}`)) out[i] = ':id';
      }
      folded = out.join('/');
    }
    cache.set(route, folded);
    return folded;
  };
}
