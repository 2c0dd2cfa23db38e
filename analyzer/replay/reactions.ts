// What the page did after each click: the first mutation, scroll, navigation, selection or focus change.
// Dead-click detectors (posthog-js, Sentry) judge a click by exactly these delays.
import type { ClickReaction, Interaction } from './types';

/** How far after a click we look for a reaction; longer than every detector's window (Sentry: 7 s). */
export const REACTION_HORIZON_MS = 10_000;

export interface WindowActivity {
  mutations: number[];
  scrolls: number[];
  selections: number[];
  navigations: number[];
  focuses: number[];
}

export function emptyActivity(): WindowActivity {
  return { mutations: [], scrolls: [], selections: [], navigations: [], focuses: [] };
}

/** First value >= t in an ascending array (binary search). */
function firstAtOrAfter(sorted: number[], t: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

function delay(sorted: number[], t: number): number | undefined {
  const next = firstAtOrAfter(sorted, t);
  return next !== undefined && next - t <= REACTION_HORIZON_MS ? next - t : undefined;
}

export function attachReactions(interactions: Interaction[], activity: Map<string, WindowActivity>): void {
  for (const interaction of interactions) {
    if (interaction.kind !== 'click' && interaction.kind !== 'dblclick') continue;
    const window = activity.get(interaction.windowId);
    if (!window) continue;
    const t = interaction.timestamp;
    const reaction: ClickReaction = {
      mutationMs: delay(window.mutations, t),
      scrollMs: delay(window.scrolls, t),
      navigationMs: delay(window.navigations, t),
      selectionMs: delay(window.selections, t),
      focusMs: delay(window.focuses, t),
    };
    interaction.reaction = reaction;
  }
}
