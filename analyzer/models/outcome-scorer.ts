// Opens a session-outcome model directory as the OutcomeScorer the impact stage needs, after checking that the
// model was trained on the features this version extracts.
import type { OutcomeScorer } from '../hotspots/impact';
import { SESSION_FEATURE_NAMES } from '../features/session-features';
import { checkFeatureNames, readModelGraph, readModelMeta } from './model-files';
import { OnnxMlp } from './onnx-runner';

export const OUTCOME_GRAPH = 'outcome';

export interface LoadedOutcomeScorer extends OutcomeScorer {
  release(): Promise<void>;
}

export async function loadOutcomeScorer(dir: string): Promise<LoadedOutcomeScorer> {
  const meta = readModelMeta(dir);
  checkFeatureNames(meta, OUTCOME_GRAPH, SESSION_FEATURE_NAMES);
  const model = await OnnxMlp.load(readModelGraph(dir, meta, OUTCOME_GRAPH));
  return {
    version: meta.version,
    predict: (rows) => model.predict(rows),
    release: () => model.release(),
  };
}
