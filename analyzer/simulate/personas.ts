// The synthetic users' personas: how sharply each follows the behaviour policy (softmax temperature), how long
// it lingers around the policy's predicted wait, how it types, and how it reacts when a click does nothing. The
// policy decides WHAT to do next; a persona only shapes HOW. Names match the corpus personas that trained the
// policy ("buyer", "careful", "impatient"), whose traits these follow (scripts/recorder/personas.ts), plus the
// "visitor": the policy as learned from everyone recorded, window-shoppers included, for traffic like the real one.
import type { FlowPersonaMix } from './types';

export type PersonaName = 'buyer' | 'careful' | 'impatient' | 'visitor';

/** Which wait: before the session's first action, the first action on a later page, or a later one on a page. */
export type DwellKind = 'first' | 'arrival' | 'onPage';

export interface Persona {
  name: PersonaName;
  /** Softmax temperature over the policy's scores: below 1 sticks to the likeliest actions, above 1 explores. */
  temperature: number;
  /**
   * Added to LEAVE's score before sampling. The policy learned from every recorded visitor, window-shoppers who
   * never meant to buy included; a persona that came to finish the flow leaves less readily (after failed attempts
   * the policy's LEAVE score climbs far above this offset).
   */
  leaveBias: number;
  /** LEAVE offsets for particular (folded) routes, in place of leaveBias there. */
  leaveBiasOn?: Readonly<Record<string, number>>;
  /** Added to BACK's score likewise: browsing back and forth is the window-shoppers' habit more than a buyer's. */
  backBias: number;
  /** How long it waits for a page that says it is busy (aria-busy, a progress bar) before acting anyway. */
  busyPatienceMs: number;
  /**
   * Multiplies the policy's predicted wait before an action: the session's first action, the first one on a later
   * page, later ones on a page. The dwell head predicts the wait of all visitors mixed, and personas differ most on
   * arrival (a buyer picks a product sooner than a lost visitor, who stares at the first page).
   */
  dwellFactor: Record<DwellKind, number>;
  /** Spread of the wait around that (sigma of a log-normal factor): the dwell head predicts a typical wait only. */
  dwellSpread: number;
  /** Range of ms between keystrokes, and the chance of a corrected typo per character. */
  typingMs: [number, number];
  typoRate: number;
  /** How long (virtual ms) it watches for the page to react to a click before deciding nothing happened. */
  reactionWaitMs: number;
  /** Extra clicks fired at an element that did not react (rage), or undefined: it just moves on. */
  reclicks?: [number, number];
  /** Consecutive clicks with no reaction before it gives up (a dead end). */
  patience: number;
}

/** One persona's traits in table order (the columns of PERSONA_TABLE). */
type PersonaRow = [
  name: PersonaName,
  temperature: number,
  leaveBias: number,
  backBias: number,
  dwellFirst: number,
  dwellArrival: number,
  dwellOnPage: number,
  dwellSpread: number,
  typingMs: [number, number],
  typoRate: number,
  reactionWaitMs: number,
  busyPatienceMs: number,
  patience: number,
  reclicks?: [number, number],
];

/**
 * Calibrated on the bundled corpus under behavior-policy@2026-11-26-8172406e by scripts/calibrate-personas.ts:
 * temperature, LEAVE and BACK offsets by maximum likelihood of each persona's own steps (in-sample for the 75 % of
 * sessions the policy trained on), dwell factors as medians of real wait / predicted wait by kind of wait, spread
 * as the deviation of their logs. Typing, reaction wait, re-clicks and patience follow the recorder's scripted
 * traits (scripts/recorder/personas.ts). Re-run the script after retraining the policy.
 */
const PERSONA_TABLE: readonly PersonaRow[] = [
  // name       temp  leave  back   dwell: first arrival onPage spread  typing ms   typo  react ms busy ms  patience reclicks
  ['buyer',     1.1,  -0.5,  -2,           0.76, 1.2,    0.94,  0.45,   [60, 150],  0.03, 1000,    20_000,  4],
  ['careful',   0.8,  -0.5,  -2,           0.92, 1.36,   1.24,  0.54,   [180, 420], 0.01, 1500,    30_000,  5],
  ['impatient', 1,    -0.5,  -2.75,        0.5,  0.82,   0.92,  0.54,   [40, 110],  0.05, 500,     10_000,  3,       [2, 4]],
  // The mixture of all recorded visitors as the policy learned it, with a LEAVE offset that undoes what rolling
  // the policy out step after step compounds (scripts/calibrate-visitor.ts, on the training sessions' funnel: 60
  // runs per offset, squared step errors 113 / 17 / 62 pp² at -1 / -1.5 / -2; the cart has its own, LEAVE_OFFSETS_ON);
  // mid-range typing and patience.
  ['visitor',   1,    -1.5,  0,            1,    1,      1,     0.5,    [60, 200],  0.03, 1000,    20_000,  4],
];

/**
 * Route-specific LEAVE offsets (in place of the table's). The visitor's global offset undoes the window-shopper
 * reading of slow synthetic sessions on the browsing pages; on the cart it kept them from leaving: 95.7 % went on to
 * shipping against 88.4 % of the training sessions. scripts/calibrate-visitor.ts on /cart (100 runs per offset):
 * -1.5 / -0.75 / 0 gave 95.7 / 92.9 / 85.7 % there, squared step errors 75 / 54 / 51 pp².
 */
const LEAVE_OFFSETS_ON: Partial<Record<PersonaName, Readonly<Record<string, number>>>> = {
  visitor: { '/cart': 0 },
};

function personaOf(row: PersonaRow): Persona {
  const [name, temperature, leaveBias, backBias, first, arrival, onPage, dwellSpread, typingMs, typoRate, reactionWaitMs, busyPatienceMs, patience, reclicks] = row;
  return {
    name,
    temperature,
    leaveBias,
    ...(LEAVE_OFFSETS_ON[name] ? { leaveBiasOn: LEAVE_OFFSETS_ON[name] } : {}),
    backBias,
    dwellFactor: { first, arrival, onPage },
    dwellSpread,
    typingMs,
    typoRate,
    reactionWaitMs,
    ...(reclicks ? { reclicks } : {}),
    busyPatienceMs,
    patience,
  };
}

export const PERSONAS: Readonly<Record<PersonaName, Persona>> = Object.fromEntries(PERSONA_TABLE.map((row) => [row[0], personaOf(row)])) as Record<PersonaName, Persona>;

/** The persona's LEAVE offset on `route` (a folded route, as the decision names it). */
export function leaveBiasOn(persona: Persona, route: string): number {
  return persona.leaveBiasOn?.[route] ?? persona.leaveBias;
}

export const PERSONA_NAMES = Object.keys(PERSONAS) as PersonaName[];

/**
 * Used when a flow names no personas: mostly ordinary buyers, some careful and some impatient ones (people who came
 * to finish the flow, as a pre-deploy check wants them). `{ "visitor": 1 }` instead runs traffic like the recorded.
 */
export const DEFAULT_PERSONA_MIX: Readonly<Partial<Record<PersonaName, number>>> = { buyer: 2, careful: 1, impatient: 1 };

export function isPersonaName(name: string): name is PersonaName {
  return Object.prototype.hasOwnProperty.call(PERSONAS, name);
}

/** The flow's mix, restricted to positive weights (flows.ts has already refused unknown names). */
export function personaMix(mix: FlowPersonaMix | undefined): Record<PersonaName, number> {
  const out = {} as Record<PersonaName, number>;
  for (const [name, weight] of Object.entries(mix ?? DEFAULT_PERSONA_MIX)) if (isPersonaName(name) && weight > 0) out[name] = weight;
  return out;
}
