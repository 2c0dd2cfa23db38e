// URL paths -> route templates, exactly as file analysis folds them (syntactic ids first, then slugs learned from
// every path seen), plus the map of changed paths that lets ClickHouse group by route itself.
import { routeOf } from '../../../replay/page-tracker';
import { learnRouteFolder, type RouteFolder } from '../../../replay/route-folding';
import { MAX_LITERAL_LENGTH, MAX_ROUTE_MAP_ENTRIES } from './hogql-sql';
import type { RouteMap } from './types';

export function learnPathFolder(paths: Iterable<string>, patterns: string[] = []): RouteFolder {
  const fold = learnRouteFolder([...paths].map(routeOf), patterns);
  return (path: string) => fold(routeOf(path));
}

/** Paths whose route differs from the path; undefined when too many to push down (then rows merge on our side). */
export function routeMapFor(paths: Iterable<string>, fold: RouteFolder): RouteMap | undefined {
  const map: RouteMap = {};
  let size = 0;
  for (const path of new Set(paths)) {
    const route = fold(path);
    // Paths too long to quote stay raw in ClickHouse and are folded when rows merge.
    if (route === path || path.length > MAX_LITERAL_LENGTH || route.length > MAX_LITERAL_LENGTH) continue;
    if (++size > MAX_ROUTE_MAP_ENTRIES) return undefined;
    map[path] = route;
  }
  return map;
}
