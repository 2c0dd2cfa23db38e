// Hotspot impact from the session-outcome model. For each affected session, take its state just after the
// hotspot's friction (behaviour and signals up to that moment) and ask the model for P(convert) as it was and with
// this hotspot's signals removed; the sum of the differences is the estimated number of conversions the hotspot
// cost. Conditioning only on what happened before the friction keeps its consequences (leaving, fewer pages) from
// explaining it away. Pure given a scorer: the ONNX session is opened at the edge and passed in.
import type { Signal, SignalKind } from '../signals/types';
import { sessionFeatureVector } from '../features/session-features';
import { behaviourAt, countSignals, outcomeSignalsBySession, type SignalCounts } from '../features/outcome-rows';
import { hotspotId, type SessionSummary } from './aggregate';
import { REACH_WEIGHT } from './score';
import type { Hotspot } from './types';

/** P(convert) for a batch of session feature vectors (onnxruntime-node behind it in production). */
export interface OutcomeScorer {
  version: string;
  predict(rows: Float32Array[]): Promise<Float32Array>;
}

function minus(counts: SignalCounts, removed: SignalCounts): SignalCounts {
  const out: SignalCounts = { ...counts };
  for (const [kind, n] of Object.entries(removed) as [SignalKind, number][]) out[kind] = Math.max(0, (out[kind] ?? 0) - n);
  return out;
}

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Fills `hotspot.impact` and re-ranks by estimated lost conversions (reach breaks ties, as in the interim score).
 * Drop-off is the non-conversion itself and no feature of the model (that would leak the label): its hotspots
 * keep the observed estimate, the conversions its sessions would have had at the route's continuing rate.
 */
export async function rankByLostConversions(hotspots: Hotspot[], signals: Signal[], sessions: SessionSummary[], scorer: OutcomeScorer): Promise<Hotspot[]> {
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const visible = outcomeSignalsBySession(signals, sessions);
  // hotspot id -> session id -> that hotspot's signals in the session
  const byHotspot = new Map<string, Map<string, Signal[]>>();
  for (const [sessionId, list] of visible) {
    for (const s of list) {
      const id = hotspotId(s.kind, s.page, s.element?.fingerprint);
      const perSession = byHotspot.get(id) ?? new Map<string, Signal[]>();
      perSession.set(sessionId, [...(perSession.get(sessionId) ?? []), s]);
      byHotspot.set(id, perSession);
    }
  }

  // One batch for every (hotspot, session) pair: with the friction, then without it.
  const rows: Float32Array[] = [];
  const spans: { hotspot: Hotspot; start: number; pairs: number }[] = [];
  for (const hotspot of hotspots) {
    if (hotspot.kind === 'drop_off') continue;
    const start = rows.length;
    for (const [sessionId, own] of byHotspot.get(hotspot.id) ?? []) {
      const session = sessionById.get(sessionId);
      const at = Math.max(...own.map((s) => s.timestamp));
      const behaviour = session && behaviourAt(session, at);
      if (!behaviour) continue;
      const counts = countSignals(visible.get(sessionId) ?? [], at);
      rows.push(sessionFeatureVector(behaviour, counts), sessionFeatureVector(behaviour, minus(counts, countSignals(own, at))));
    }
    spans.push({ hotspot, start, pairs: (rows.length - start) / 2 });
  }
  const p = rows.length > 0 ? await scorer.predict(rows) : new Float32Array(0);

  for (const { hotspot, start, pairs } of spans) {
    let withFriction = 0;
    let without = 0;
    for (let i = 0; i < pairs; i++) {
      withFriction += p[start + 2 * i];
      without += p[start + 2 * i + 1];
    }
    hotspot.impact = {
      lostConversions: round(without - withFriction),
      conversionWith: pairs > 0 ? round(withFriction / pairs) : 0,
      conversionWithout: pairs > 0 ? round(without / pairs) : 0,
      model: scorer.version,
    };
  }
  for (const hotspot of hotspots) {
    if (hotspot.kind === 'drop_off') {
      hotspot.impact = {
        lostConversions: round(hotspot.sessions * hotspot.conversionUnaffected),
        conversionWith: 0,
        conversionWithout: round(hotspot.conversionUnaffected),
        model: 'observed',
      };
    }
    hotspot.score = round(Math.max(0, hotspot.impact!.lostConversions) + REACH_WEIGHT * hotspot.sessions);
  }
  return hotspots.sort((a, b) => b.score - a.score || b.sessions - a.sessions || a.id.localeCompare(b.id));
}
