// Public API of the source mapper: index TSX/JSX, then map DOM elements and pages onto source lines.
export {
  indexSources, indexSourceText, extractSourceText, updateIndex, DEFAULT_MAX_FILE_BYTES, type IndexOptions,
} from './index-sources';
export type { FileExtract } from './extract-file';
export { mapElementToSource, DEFAULT_MIN_CONFIDENCE, DEFAULT_MAX_RESULTS, type MatchOptions } from './match';
export { mapPageToSource, ROUTE_CONFIDENCE } from './page-match';
export { matchIndexFor, type MatchIndex } from './match-index';
export { CEILINGS, PENALTIES, WEIGHTS } from './scoring-table';
export type {
  ComponentEntry, IndexProblem, JsxAncestor, JsxElementEntry, RouteEntry, SourceIndex, SourceLocation,
} from './types';
