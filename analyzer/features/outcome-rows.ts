// The session-outcome model's rows from an analysis. A session gives one row for the whole session and one per
// friction moment (its state just after that friction), all labelled with the session's eventual outcome.
// Training and the impact stage both read rows through here, so the counterfactual is computed on exactly the
// features the model learned from.
import type { SessionSummary } from '../hotspots/aggregate';
import type { Signal, SignalKind } from '../signals/types';
import type { Session } from '../replay/types';
import { sessionFeatureVector, type SessionBehaviour } from './session-features';

export type SignalCounts = Partial<Record<SignalKind, number>>;

/** A session's behaviour just after a friction (sessionBehaviour with `until` = moment + 1 ms). */
export interface BehaviourMoment {
  at: number;
  behaviour: SessionBehaviour;
}

/** Signals the model may see: before the session's conversion, never drop_off (it is the label). */
export function isOutcomeFeatureSignal(signal: Signal, convertedAt: number | undefined): boolean {
  return signal.kind !== 'drop_off' && (convertedAt === undefined || signal.timestamp < convertedAt);
}

/** Timestamps at which a session's behaviour is kept: every friction (candidate) moment, unique, in order. */
export function frictionMoments(signals: readonly Signal[], convertedAt: number | undefined): number[] {
  return [...new Set(signals.filter((s) => isOutcomeFeatureSignal(s, convertedAt)).map((s) => s.timestamp))].sort((a, b) => a - b);
}

export function countSignals(signals: Iterable<Signal>, until = Number.POSITIVE_INFINITY): SignalCounts {
  const counts: SignalCounts = {};
  for (const s of signals) if (s.timestamp <= until) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  return counts;
}

/** A session's model-visible signal counts (before its conversion, never drop_off), from its signals. */
export function signalCountsBefore(signals: readonly Signal[], session: Session): SignalCounts {
  const convertedAt = session.outcome.converted ? session.outcome.convertedAt : undefined;
  return countSignals(signals.filter((s) => isOutcomeFeatureSignal(s, convertedAt)));
}

/** Each session's model-visible signals (leakage rule applied), by session id. */
export function outcomeSignalsBySession(signals: readonly Signal[], sessions: readonly SessionSummary[]): Map<string, Signal[]> {
  const cutById = new Map(sessions.map((s) => [s.id, s.convertedAt]));
  const bySession = new Map<string, Signal[]>();
  for (const signal of signals) {
    if (!isOutcomeFeatureSignal(signal, cutById.get(signal.sessionId))) continue;
    const list = bySession.get(signal.sessionId);
    if (list) list.push(signal);
    else bySession.set(signal.sessionId, [signal]);
  }
  return bySession;
}

/** The kept behaviour at `at`, or the whole session's when that moment was not kept (then: counted by callers). */
export function behaviourAt(session: SessionSummary, at: number): SessionBehaviour | undefined {
  return session.moments?.find((m) => m.at === at)?.behaviour ?? session.behaviour;
}

export interface OutcomeRow {
  sessionId: string;
  /** undefined: the whole session; else the friction moment the row describes. */
  at?: number;
  x: Float32Array;
  y: 0 | 1;
}

export function outcomeRows(signals: readonly Signal[], sessions: readonly SessionSummary[]): OutcomeRow[] {
  const bySession = outcomeSignalsBySession(signals, sessions);
  const rows: OutcomeRow[] = [];
  for (const s of sessions) {
    if (!s.behaviour) continue;
    const own = bySession.get(s.id) ?? [];
    const y = s.converted ? 1 : 0;
    rows.push({ sessionId: s.id, x: sessionFeatureVector(s.behaviour, countSignals(own)), y });
    for (const moment of s.moments ?? []) rows.push({ sessionId: s.id, at: moment.at, x: sessionFeatureVector(moment.behaviour, countSignals(own, moment.at)), y });
  }
  return rows;
}
