// Trains the session-outcome model P(convert | behaviour) on an analysis of recorded sessions: rows from the
// shared extractor, a stratified held-out part for the figures in the card, ONNX export of the measured model.
import { outcomeRows } from '../../analyzer/features/outcome-rows';
import { SESSION_FEATURE_NAMES } from '../../analyzer/features/session-features';
import type { AnalysisResult } from '../../analyzer/pipeline/analyze';
import { binaryMetrics, bestF1Threshold, rocAuc } from '../../analyzer/evaluation/classification-metrics';
import type { ModelMeta } from '../../analyzer/models/model-files';
import { OUTCOME_GRAPH } from '../../analyzer/models/outcome-scorer';
import { fitOutcomeModel, type OutcomeArchitecture } from './outcome-architectures';
import { stratifiedSplit } from './splits';
import { modelVersion } from './model-version';
import { renderModelCard } from './model-card';

/** Chosen by the corpus counterfactual check in `npm run eval` (see the model card). */
export const SESSION_OUTCOME_ARCHITECTURE: OutcomeArchitecture = 'mlp';
export const HELD_OUT_FRACTION = 0.25;

export interface SessionOutcomeTraining {
  meta: ModelMeta;
  graphs: Record<string, Uint8Array>;
  card: string;
  /** Held-out session ids and their predictions, for evaluation reports. */
  heldOut: { sessionId: string; p: number; y: 0 | 1 }[];
}

export interface TrainSourceInfo {
  description: string;
  sources: string[];
  consent: string[];
  now?: Date;
}

export function trainSessionOutcome(analysis: AnalysisResult, info: TrainSourceInfo, architecture: OutcomeArchitecture = SESSION_OUTCOME_ARCHITECTURE, seed = 7): SessionOutcomeTraining {
  const rows = outcomeRows(analysis.signals, analysis.sessions);
  const sessions = rows.filter((r) => r.at === undefined);
  const positives = sessions.filter((r) => r.y === 1).length;
  if (sessions.length < 20 || positives < 5 || sessions.length - positives < 5) {
    throw new Error(`session-outcome training needs at least 20 sessions with 5 converting and 5 not (got ${sessions.length} sessions, ${positives} converting); check --goal`);
  }
  const started = Date.now();
  // Split by session (stratified by outcome) so no session has rows on both sides.
  const split = stratifiedSplit(sessions.map((r) => r.y), HELD_OUT_FRACTION, seed);
  const heldOutIds = new Set(split.test.map((i) => sessions[i].sessionId));
  const trainRows = rows.filter((r) => !heldOutIds.has(r.sessionId));
  const trained = fitOutcomeModel(architecture, trainRows.map((r) => ({ x: r.x, y: r.y })), seed);
  // The F1 threshold comes from the trainer's own validation rows, never from the held-out part.
  const validation = trained.validationIndices.map((i) => trainRows[i]);
  const threshold = bestF1Threshold(trained.predict(validation.map((r) => r.x)), validation.map((r) => r.y)).threshold;
  const heldOutRows = split.test.map((i) => sessions[i]);
  const p = trained.predict(heldOutRows.map((r) => r.x));
  const metrics = binaryMetrics(p, heldOutRows.map((r) => r.y), threshold);
  const heldOutMoments = rows.filter((r) => r.at !== undefined && heldOutIds.has(r.sessionId));
  const momentLabels = heldOutMoments.map((r) => r.y);
  const momentAuc = new Set(momentLabels).size === 2 ? rocAuc(trained.predict(heldOutMoments.map((r) => r.x)), momentLabels) : Number.NaN;
  const now = info.now ?? new Date();
  const graphs = { [OUTCOME_GRAPH]: trained.toOnnx({ inputName: 'session_features', outputName: 'p_convert', graphName: 'session_outcome' }) };
  const meta: ModelMeta = {
    bytes: Object.fromEntries(Object.entries(graphs).map(([role, graph]) => [role, graph.length])),
    name: 'session-outcome',
    version: modelVersion('session-outcome', now, Object.values(graphs)),
    createdAt: now.toISOString(),
    inputs: { [OUTCOME_GRAPH]: SESSION_FEATURE_NAMES },
    files: { [OUTCOME_GRAPH]: 'model.onnx' },
    data: { description: info.description, sessions: sessions.length, converted: positives, frictionMoments: rows.length - sessions.length, sources: info.sources },
    consent: info.consent,
    training: {
      seed,
      epochs: trained.history.epochs,
      bestEpoch: trained.history.bestEpoch + 1,
      options: { architecture, ...trained.options },
      seconds: (Date.now() - started) / 1000,
    },
    metrics: {
      heldOutSessions: heldOutRows.length,
      rocAuc: metrics.rocAuc,
      prAuc: metrics.prAuc,
      accuracy: metrics.accuracy,
      f1: metrics.f1,
      threshold: metrics.threshold,
      logLoss: metrics.logLoss,
      frictionMomentRocAuc: momentAuc,
    },
  };
  const card = renderModelCard(meta, {
    title: 'session-outcome',
    purpose:
      'P(convert | behaviour) for one session, from behaviour before the conversion moment and friction-signal counts. ' +
      "Friction Lens ranks hotspots by estimated lost conversions: for every affected session, the model's probability with the " +
      "hotspot's signals removed from the features minus the probability as recorded, summed (analyzer/hotspots/impact.ts).",
    architecture:
      'Rows: one per session (its behaviour up to the conversion moment) and one per friction moment (its state just after that friction), all labelled with the eventual outcome. ' +
      `${trained.description}; run with onnxruntime-node. Inputs: log1p-scaled behaviour and signal counts.`,
    metricNotes: {
      heldOutSessions: `stratified ${Math.round(HELD_OUT_FRACTION * 100)} % of sessions never seen in training`,
      rocAuc: 'held-out sessions',
      prAuc: 'average precision, held-out sessions',
      accuracy: 'at the F1-best threshold chosen on the validation split',
      f1: 'positive class (converted), same threshold',
      threshold: 'chosen on the trainer’s validation split',
      logLoss: 'held-out sessions',
      frictionMomentRocAuc: 'held-out sessions’ states just after each friction (what the impact estimate scores)',
    },
    limitations: [
      'Associational, not causal: removing a friction’s counts from the features estimates how the model’s conversion probability moves, not a controlled experiment. Verify fixes with an A/B test (the product editor’s verification plans).',
      'Features stop at the conversion moment (the leakage rule in analyzer/features/session-features.ts); drop_off is never a feature because it is defined by not converting.',
      'Trained on the sessions it was given: a model trained on the bundled example corpus (scripted personas) describes that shop only. Train on your own project with `friction train`.',
    ],
  });
  return { meta, graphs, card, heldOut: heldOutRows.map((r, i) => ({ sessionId: r.sessionId, p: p[i], y: r.y })) };
}
