// Hotspots stage: signals across sessions -> ranked hotspots.
export { aggregateHotspots, hotspotId, type SessionSummary } from './aggregate';
export { rankingScore, REACH_WEIGHT } from './score';
export type * from './types';
