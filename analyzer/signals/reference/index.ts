// Third-party friction rules replayed on our Sessions, to benchmark our detectors against what posthog-js and
// Sentry Replay would have reported on the same recordings. Not part of the pipeline.
import type { Session } from '../../replay/types';
import type { Signal } from '../types';
import { posthogDeadClicks } from './posthog-dead-click';
import { posthogRageClicks } from './posthog-rage-click';
import { sentrySlowClicks } from './sentry-slow-click';

export type ReferenceRules = (session: Session) => Signal[];

/** posthog-js `$rageclick` and `$dead_click` with their default configuration. */
export function posthogRules(session: Session): Signal[] {
  return [...posthogRageClicks(session), ...posthogDeadClicks(session)];
}

/** Sentry Replay slow clicks (as dead_click) and rage clicks with default options. */
export function sentryRules(session: Session): Signal[] {
  return sentrySlowClicks(session);
}

export const REFERENCE_RULES: Readonly<Record<'posthog' | 'sentry', ReferenceRules>> = { posthog: posthogRules, sentry: sentryRules };

export { POSTHOG_RAGE_CLICK } from './posthog-rage-click';
export { POSTHOG_DEAD_CLICK } from './posthog-dead-click';
export { SENTRY_SLOW_CLICK, sentrySlowClicks, type SentryRuleOptions } from './sentry-slow-click';
