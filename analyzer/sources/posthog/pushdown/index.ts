// Friction aggregated inside PostHog's ClickHouse (HogQL pushdown): queries, their answers as hotspots, and the
// report `friction analyze --posthog` prints.
export { analyzePosthog, pushdownGoal, sessionsToFetch, type PosthogAnalysisOptions, type RecordingsToFetch } from './analyze';
export { totalsQuery, pagesQuery, frictionsQuery, errorClicksQuery, dropOffsQuery, MAX_ROWS, DEFAULT_ROWS, ERROR_CLICK_WINDOW_MS } from './queries';
export { hogqlString, PushdownInputError } from './hogql-sql';
export { resultsToHotspots, type HotspotOptions } from './results-to-hotspots';
export { learnPathFolder, routeMapFor } from './routes';
export type * from './types';
