// Replay stage: rrweb events -> Session.
export { buildSession, type ReplayInput, type ReplayEvent } from './build-session';
export { parseGoal, evaluateOutcome } from './outcome';
export { descriptorMatches } from './selector';
export type * from './types';
