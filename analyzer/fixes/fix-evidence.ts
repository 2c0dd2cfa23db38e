// The figures a fix cites from its hotspot: the numbers in its one-line rationale, and its verification plan (the
// metric, what the data predicts, a two-proportion sample size, the PostHog comparison). Pure formatting of data.
import type { ReportHotspot } from '../report/types';
import type { VerificationPlan } from './types';

/** Two-sided 5 % significance and 80 % power: the conventional defaults of a product A/B test. */
const Z_ALPHA = 1.959963984540054;
const Z_POWER = 0.8416212335729143;
/** The smallest drop in the friction a test is sized to see: a halving (a fix that does less is not worth shipping). */
const DETECTABLE_FRICTION_RATIO = 0.5;

/** "31 %": whole percentages, one decimal below 1 %. */
export function percent(fraction: number): string {
  const value = fraction * 100;
  return value > 0 && value < 1 ? `${value.toFixed(1)} %` : `${Math.round(value)} %`;
}

/** Sessions per arm for a two-sided test of p1 against p2 (normal approximation, 5 % significance, 80 % power). */
export function sampleSizePerArm(p1: number, p2: number): number | undefined {
  if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 === p2) return undefined;
  const mean = (p1 + p2) / 2;
  const alpha = Z_ALPHA * Math.sqrt(2 * mean * (1 - mean));
  const power = Z_POWER * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((alpha + power) ** 2 / (p1 - p2) ** 2);
}

/** "25 % of /checkout/payment sessions (31 of 123)". */
export function reachOf(hotspot: ReportHotspot): string {
  return `${percent(hotspot.share)} of ${hotspot.page} sessions (${hotspot.sessions} of ${hotspot.pageSessions})`;
}

/** "they converted 12 % vs 41 % without it", plus the modelled loss when the report has one. */
export function outcomeOf(hotspot: ReportHotspot): string {
  const conversion = `they converted ${percent(hotspot.conversionAffected)} vs ${percent(hotspot.conversionUnaffected)} without it`;
  if (!hotspot.impact) return conversion;
  const lost = hotspot.impact.lostConversions;
  const source = hotspot.impact.model === 'observed' ? 'observed' : 'modelled';
  return lost > 0 ? `${conversion}; about ${roundCount(lost)} conversions lost (${source})` : `${conversion}; no conversions lost (${source})`;
}

function roundCount(value: number): string {
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** Conversion of every session reaching the page now: the affected and unaffected rates weighted by the share. */
function pageConversion(hotspot: ReportHotspot): number {
  return hotspot.share * hotspot.conversionAffected + (1 - hotspot.share) * hotspot.conversionUnaffected;
}

/** A short PostHog-usable reference to the recorded element: #id, [data-testid], or a short selector. */
export function elementReference(hotspot: ReportHotspot, fallback: string): string {
  const element = hotspot.element;
  if (element?.id) return `#${element.id}`;
  const testId = element?.attributes['data-testid'];
  if (testId) return `[data-testid="${testId}"]`;
  if (element && element.selector.length <= 60) return element.selector;
  return fallback;
}

export interface PlanInput {
  hotspot: ReportHotspot;
  /** The friction as a plural noun phrase: "rage clicks on “Pay now”". */
  friction: string;
  /** How PostHog counts it: "$rageclick events on [data-testid="pay-now"]". */
  measure: string;
  flag?: string;
  /** Fix-specific checks before shipping, e.g. that the form submits through an action. */
  checksFirst?: string[];
  /** Fix-specific steps after the comparison. */
  extraSteps?: string[];
}

/** The plan every fix in this folder returns: friction falls, conversion of the page's sessions moves (or why not). */
export function verificationPlan({ hotspot, friction, measure, flag, checksFirst = [], extraSteps = [] }: PlanInput): VerificationPlan {
  const now = pageConversion(hotspot);
  const gapHelps = hotspot.conversionUnaffected > hotspot.conversionAffected;
  const conversion = gapHelps
    ? `conversion of sessions reaching ${hotspot.page} rises from ${percent(now)} toward ${percent(hotspot.conversionUnaffected)} (the rate of sessions without the friction)`
    : `conversion is not expected to move (affected sessions convert at ${percent(hotspot.conversionAffected)} vs ${percent(hotspot.conversionUnaffected)} without), so the friction itself is the measure`;
  const frictionSize = sampleSizePerArm(hotspot.share, hotspot.share * DETECTABLE_FRICTION_RATIO);
  const conversionSize = gapHelps ? sampleSizePerArm(now, hotspot.conversionUnaffected) : undefined;
  const arm = flag ? 'per arm' : 'per period';
  const wait =
    frictionSize === undefined
      ? `Wait for at least as many sessions reaching ${hotspot.page} as the analysis saw (${hotspot.pageSessions}) ${arm}.`
      : `Wait for about ${frictionSize} sessions reaching ${hotspot.page} ${arm}: enough to see ${friction} halve from ${percent(hotspot.share)} (80 % power, 5 % two-sided)` +
        (conversionSize === undefined ? '.' : `; seeing conversion move from ${percent(now)} to ${percent(hotspot.conversionUnaffected)} takes about ${conversionSize} ${arm}.`);
  return {
    metric: `sessions with ${friction}, and conversion of sessions reaching ${hotspot.page}`,
    expectation: `Sessions with ${friction} fall from ${reachOf(hotspot)} toward 0; ${conversion}.`,
    steps: [
      ...checksFirst,
      flag
        ? `Ship the change behind the PostHog feature flag "${flag}" at 50 % of sessions (the flag off keeps today's markup).`
        : 'Ship the change; with no feature flag, compare equal periods before and after the release (weaker than a split test).',
      wait,
      `In PostHog, compare ${measure} per session and the conversion of sessions reaching ${hotspot.page}${flag ? ` between the variants of "${flag}"` : ' before and after'}.`,
      ...extraSteps,
    ],
    ...(flag ? { flag } : {}),
  };
}
