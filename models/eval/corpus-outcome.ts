// The session-outcome model on the bundled corpus: held-out AUC (sessions, and friction moments), then the
// planted frictions ranked by the estimated lost conversions the model gives them.
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { rankByLostConversions } from '../../analyzer/hotspots/impact';
import { OnnxMlp } from '../../analyzer/models/onnx-runner';
import { OUTCOME_GRAPH } from '../../analyzer/models/outcome-scorer';
import { loadPlantedFrictions } from '../../examples/shop/frictions';
import { trainSessionOutcome } from '../train/train-session-outcome';
import type { OutcomeArchitecture } from '../train/outcome-architectures';
import type { AnalysisResult } from '../../analyzer/pipeline/analyze';

export interface PlantedImpact {
  id: string;
  kind: string;
  /** Position among all hotspots (1-based), 0 when the friction was not found. */
  rank: number;
  sessions: number;
  lostConversions: number;
  conversionWith: number;
  conversionWithout: number;
}

export interface CorpusOutcomeResult {
  architecture: OutcomeArchitecture;
  sessions: number;
  converted: number;
  version: string;
  metrics: Record<string, number>;
  hotspots: number;
  planted: PlantedImpact[];
  /** Σ lost conversions the model gives the planted frictions' hotspots. */
  plantedLostConversions: number;
}

/** The bundled corpus analysed and mapped, once, for every architecture evaluated on it. */
export async function analyseCorpus(root: string, goal = '/checkout/confirmation'): Promise<AnalysisResult> {
  const corpus = path.join(root, 'examples', 'shop', 'corpus');
  return analyzeFiles([corpus], { goal: parseGoal(goal), goalText: goal, src: path.join(root, 'examples', 'shop', 'src') });
}

export async function evaluateCorpusOutcome(root: string, analysed: AnalysisResult, architecture: OutcomeArchitecture): Promise<CorpusOutcomeResult> {
  // Ranking mutates hotspots: every architecture gets its own copy.
  const analysis = structuredClone(analysed);
  const trained = trainSessionOutcome(analysis, { description: 'bundled example corpus', sources: ['examples/shop/corpus'], consent: ['bundled corpus (ours)'] }, architecture);
  const model = await OnnxMlp.load(trained.graphs[OUTCOME_GRAPH]);
  try {
    const ranked = await rankByLostConversions(analysis.hotspots, analysis.signals, analysis.sessions, { version: trained.meta.version, predict: (rows) => model.predict(rows) });
    const planted = loadPlantedFrictions(path.join(root, 'examples', 'shop', 'frictions.json')).map((f): PlantedImpact => {
      const index = ranked.findIndex((h) => h.kind === f.kind && h.page === f.page && h.source[0]?.file === f.source.file && h.source[0]?.line === f.source.line);
      const h = ranked[index];
      return {
        id: f.id,
        kind: f.kind,
        rank: index + 1,
        sessions: h?.sessions ?? 0,
        lostConversions: h?.impact?.lostConversions ?? 0,
        conversionWith: h?.impact?.conversionWith ?? 0,
        conversionWithout: h?.impact?.conversionWithout ?? 0,
      };
    });
    return {
      architecture,
      plantedLostConversions: Math.round(planted.reduce((sum, p) => sum + p.lostConversions, 0) * 10) / 10,
      sessions: trained.meta.data.sessions,
      converted: trained.meta.data.converted ?? 0,
      version: trained.meta.version,
      metrics: trained.meta.metrics,
      hotspots: ranked.length,
      planted: planted.sort((a, b) => b.lostConversions - a.lostConversions),
    };
  } finally {
    await model.release();
  }
}
