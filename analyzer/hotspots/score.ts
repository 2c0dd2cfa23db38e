// Ranking without a session-outcome model (`--model none`, or none loadable; impact.ts ranks with one): the
// conversions the affected sessions would have had at the unaffected rate (never negative), plus a small frequency
// term so frictions with no measurable conversion gap still rank by how many sessions they touch.
import type { Hotspot } from './types';

/** Weight of reach relative to lost conversions: 20 affected sessions ≈ 1 lost conversion. */
export const REACH_WEIGHT = 0.05;

export function rankingScore(h: Pick<Hotspot, 'sessions' | 'conversionAffected' | 'conversionUnaffected'>): number {
  const lostConversions = h.sessions * Math.max(0, h.conversionUnaffected - h.conversionAffected);
  return Math.round((lostConversions + REACH_WEIGHT * h.sessions) * 1000) / 1000;
}
