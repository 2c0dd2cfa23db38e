// Opens a behavior-policy model directory for the synthetic users: the candidate scorer and the dwell head under
// onnxruntime, after checking that both were trained on the features this version extracts, plus the priors the
// feature extractor needs at inference (click and transition priors, elements clicked in training, the funnel),
// stored in model.json `extras`. Per step: build the candidates' vectors (writeElementFeatures / the pseudo
// vectors, with these priors), scoreStep() them, sample an action, predictDwellMs() the wait before it.
import { POLICY_CONTEXT_NAMES } from '../features/policy-steps';
import { ELEMENT_FEATURE_NAMES, type ClickPriors, type TransitionPriors } from '../features/element-features';
import type { FieldKnowledge, FieldKnowledgeTable } from '../features/field-knowledge';
import { checkFeatureNames, ModelFileError, readModelGraph, readModelMeta, type ModelMeta } from './model-files';
import { OnnxMlp } from './onnx-runner';

export const POLICY_SCORER_GRAPH = 'scorer';
export const POLICY_DWELL_GRAPH = 'dwell';
export const POLICY_GRAPH_FILES: Readonly<Record<string, string>> = { [POLICY_SCORER_GRAPH]: 'scorer.onnx', [POLICY_DWELL_GRAPH]: 'dwell.onnx' };

/** What the policy's features need at inference beyond the graphs; all learned from the TRAINING sessions. */
export interface PolicyPriors {
  /** route -> key -> share (prior:click_share). */
  clickPriors: ClickPriors;
  /** route -> previous key -> key -> share (seq:transition_share, seq:transition_seen). */
  transitionPriors: TransitionPriors;
  /** Elements clicked in training: pass as candidateElements' extraFingerprints, as in training. */
  clickedFingerprints: ReadonlySet<string>;
  /** The learned funnel (policyStepsOf's `funnel`, ctx:funnel_depth); empty: generic depth. */
  funnel: readonly string[];
  /** Explicit route patterns the routes were folded with (learnRouteFolder), when given to the trainer. */
  routePatterns: readonly string[];
  /** Per route and field: training sessions that typed into it and gave up there (field-knowledge.ts). */
  fieldKnowledge: FieldKnowledgeTable;
}

/** PolicyPriors as stored in model.json (plain objects; Maps do not survive JSON). */
export interface PolicyExtrasJson {
  clickPriors: Record<string, Record<string, number>>;
  transitionPriors: Record<string, Record<string, Record<string, number>>>;
  clickedFingerprints: string[];
  funnel: string[];
  routePatterns: string[];
  /** Absent in models trained before it was learned: every field then counts as answerable. */
  fieldKnowledge?: Record<string, Record<string, FieldKnowledge>>;
}

const toObject = <V, W>(map: ReadonlyMap<string, V>, value: (v: V) => W): Record<string, W> => Object.fromEntries([...map].map(([k, v]) => [k, value(v)]));

export function policyExtrasToJson(priors: PolicyPriors): PolicyExtrasJson {
  return {
    clickPriors: toObject(priors.clickPriors, (shares) => toObject(shares, (s) => s)),
    transitionPriors: toObject(priors.transitionPriors, (byPrevious) => toObject(byPrevious, (shares) => toObject(shares, (s) => s))),
    clickedFingerprints: [...priors.clickedFingerprints],
    funnel: [...priors.funnel],
    routePatterns: [...priors.routePatterns],
    fieldKnowledge: toObject(priors.fieldKnowledge, (fields) => toObject(fields, (counts) => ({ ...counts }))),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function sharesOf(value: unknown, where: string): Map<string, number> {
  if (!isRecord(value)) throw new ModelFileError(`${where} is not an object of shares`);
  return new Map(
    Object.entries(value).map(([key, share]) => {
      if (typeof share !== 'number' || !(share >= 0 && share <= 1)) throw new ModelFileError(`${where}.${key} is not a share in [0, 1]`);
      return [key, share];
    }),
  );
}

function fieldKnowledgeFromJson(value: unknown): FieldKnowledgeTable {
  if (value === undefined) return new Map();
  if (!isRecord(value)) throw new ModelFileError('extras.fieldKnowledge is not an object');
  return new Map(
    Object.entries(value).map(([route, fields]) => {
      if (!isRecord(fields)) throw new ModelFileError(`extras.fieldKnowledge[${route}] is not an object`);
      return [
        route,
        new Map(
          Object.entries(fields).map(([field, counts]) => {
            const { sessions, gaveUp } = (isRecord(counts) ? counts : {}) as Partial<FieldKnowledge>;
            if (!(Number.isInteger(sessions) && Number.isInteger(gaveUp) && gaveUp! >= 0 && gaveUp! <= sessions!)) {
              throw new ModelFileError(`extras.fieldKnowledge[${route}][${field}] is not { sessions, gaveUp } with 0 <= gaveUp <= sessions`);
            }
            return [field, { sessions: sessions!, gaveUp: gaveUp! }];
          }),
        ),
      ];
    }),
  );
}

function stringsOf(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ModelFileError(`${where} is not a list of strings`);
  return value;
}

/** Parse and check model.json `extras` of a behavior-policy model. */
export function policyPriorsFromExtras(extras: Record<string, unknown> | undefined): PolicyPriors {
  if (!extras || !isRecord(extras.clickPriors) || !isRecord(extras.transitionPriors)) {
    throw new ModelFileError('behavior-policy model.json has no extras.clickPriors / extras.transitionPriors: retrain it with `friction train`');
  }
  const clickPriors = new Map(Object.entries(extras.clickPriors).map(([route, shares]) => [route, sharesOf(shares, `extras.clickPriors[${route}]`)]));
  const transitionPriors = new Map(
    Object.entries(extras.transitionPriors).map(([route, byPrevious]) => {
      if (!isRecord(byPrevious)) throw new ModelFileError(`extras.transitionPriors[${route}] is not an object`);
      return [route, new Map(Object.entries(byPrevious).map(([previous, shares]) => [previous, sharesOf(shares, `extras.transitionPriors[${route}][${previous}]`)]))];
    }),
  );
  return {
    clickPriors,
    transitionPriors,
    clickedFingerprints: new Set(stringsOf(extras.clickedFingerprints, 'extras.clickedFingerprints')),
    funnel: stringsOf(extras.funnel, 'extras.funnel'),
    routePatterns: stringsOf(extras.routePatterns, 'extras.routePatterns'),
    fieldKnowledge: fieldKnowledgeFromJson(extras.fieldKnowledge),
  };
}

/** Softmax in float64 (max-shifted), returned as float32 probabilities summing to 1. */
export function softmax(scores: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  const exp = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += exp[i] = Math.exp(scores[i] - max);
  return Float32Array.from(exp, (e) => e / sum);
}

/** A loaded behavior-policy model: reuse it across steps and sessions, release() it when done. */
export class PolicyRunner {
  private constructor(
    readonly meta: ModelMeta,
    readonly priors: PolicyPriors,
    private readonly scorer: OnnxMlp,
    private readonly dwell: OnnxMlp,
  ) {}

  get version(): string {
    return this.meta.version;
  }

  /** Opens `dir` (model.json, scorer.onnx, dwell.onnx); fails when it was trained on other features. */
  static async load(dir: string, options: { threads?: number } = {}): Promise<PolicyRunner> {
    const meta = readModelMeta(dir);
    if (meta.name !== 'behavior-policy') throw new ModelFileError(`${dir} holds a ${meta.name} model, not behavior-policy`);
    checkFeatureNames(meta, POLICY_SCORER_GRAPH, ELEMENT_FEATURE_NAMES);
    checkFeatureNames(meta, POLICY_DWELL_GRAPH, POLICY_CONTEXT_NAMES);
    const priors = policyPriorsFromExtras(meta.extras);
    const scorer = await OnnxMlp.load(readModelGraph(dir, meta, POLICY_SCORER_GRAPH), { threads: options.threads });
    try {
      const dwell = await OnnxMlp.load(readModelGraph(dir, meta, POLICY_DWELL_GRAPH), { threads: options.threads });
      return new PolicyRunner(meta, priors, scorer, dwell);
    } catch (error) {
      await scorer.release();
      throw error;
    }
  }

  /**
   * Probability of each candidate (elements in document order, then BACK, LEAVE: ELEMENT_FEATURE_NAMES vectors)
   * being the next action: the scorer's outputs, softmaxed over the step. Rows, or one packed row-major array.
   */
  async scoreStep(candidates: ArrayLike<number>[] | Float32Array): Promise<Float32Array> {
    return softmax(await this.scorer.predict(candidates));
  }

  /** The scorer's raw outputs (logits), one per candidate. */
  async logits(candidates: ArrayLike<number>[] | Float32Array): Promise<Float32Array> {
    return this.scorer.predict(candidates);
  }

  /** Predicted wait before the next action in ms, from the step's context (POLICY_CONTEXT_NAMES); never negative. */
  async predictDwellMs(context: ArrayLike<number>): Promise<number> {
    const [logDwell] = await this.dwell.predict([context]);
    return Math.max(0, Math.expm1(logDwell) * 1000);
  }

  async release(): Promise<void> {
    await Promise.all([this.scorer.release(), this.dwell.release()]);
  }
}
