// Public API of the source mapper: index TSX/JSX, then map DOM elements and pages onto source lines.
export { indexSources, indexSourceText, updateIndex, DEFAULT_MAX_FILE_BYTES, type IndexOptions } from './index-sources';
export { mapElementToSource, DEFAULT_MIN_CONFIDENCE, DEFAULT_MAX_RESULTS, type MatchOptions } from './match';
export { mapPageToSource, ROUTE_CONFIDENCE } from './page-match';
export { matchIndexFor, type MatchIndex } from './match-index';
export { WEIGHTS, PENALTIES } from './score';
export type {
  ComponentEntry, IndexProblem, JsxAncestor, JsxElementEntry, RouteEntry, SourceIndex, SourceLocation,
} from './types';
