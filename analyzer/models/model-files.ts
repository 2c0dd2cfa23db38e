// A model on disk: a directory with its ONNX graph(s), `model.json` (what the code needs to use it: feature names,
// version, files) and `CARD.md` (what a person needs to trust it). Shipped models live in the package's models/,
// models trained on a project's data in the workspace's .friction/models/.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export type ModelName = 'session-outcome' | 'behavior-policy';

export const MODEL_META_FILE = 'model.json';
export const MODEL_CARD_FILE = 'CARD.md';
export const WORKSPACE_MODELS_DIR = path.join('.friction', 'models');

export interface ModelMeta {
  name: ModelName;
  /** name@date-hash of the weights: reports and the CI gate record it, and refuse to compare across versions. */
  version: string;
  createdAt: string;
  /** Input columns of each graph, in order; inference checks them against the extractor's names. */
  inputs: Record<string, readonly string[]>;
  /** Graph role -> file in the model directory, e.g. { outcome: 'model.onnx' }. */
  files: Record<string, string>;
  /** Graph role -> size of its ONNX file in bytes. */
  bytes?: Record<string, number>;
  data: {
    description: string;
    sessions: number;
    converted?: number;
    /** Policy: decision steps; session-outcome: friction-moment rows besides one row per session. */
    steps?: number;
    frictionMoments?: number;
    sources: string[];
  };
  /** Training-consent basis of every data source, as recorded when the data was fetched. */
  consent: string[];
  training: { seed: number; epochs: number; bestEpoch: number; options: Record<string, unknown>; seconds: number };
  metrics: Record<string, number>;
  /** Extra artefacts a model needs at inference (e.g. the policy's click priors). */
  extras?: Record<string, unknown>;
}

export class ModelFileError extends Error {}

export function readModelMeta(dir: string): ModelMeta {
  const file = path.join(dir, MODEL_META_FILE);
  if (!existsSync(file)) throw new ModelFileError(`${dir} has no ${MODEL_META_FILE}: not a Friction Lens model directory (train one with \`friction train\`)`);
  let meta: ModelMeta;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as ModelMeta;
  } catch (error) {
    throw new ModelFileError(`${file} is not valid JSON (${(error as Error).message}); retrain or restore the model`);
  }
  for (const [role, name] of Object.entries(meta.files ?? {})) {
    if (!existsSync(path.join(dir, name))) throw new ModelFileError(`${dir}: ${role} graph ${name} named in ${MODEL_META_FILE} is missing`);
  }
  return meta;
}

export function readModelGraph(dir: string, meta: ModelMeta, role: string): Uint8Array {
  const name = meta.files[role];
  if (!name) throw new ModelFileError(`${dir}: model ${meta.name} has no "${role}" graph`);
  return readFileSync(path.join(dir, name));
}

/** Writes graphs, meta and card into `dir` (created), each file atomically so a crash never leaves half a model. */
export function writeModelDir(dir: string, meta: ModelMeta, graphs: Record<string, Uint8Array>, card: string): void {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, data: Uint8Array | string) => {
    const target = path.join(dir, name);
    const temp = `${target}.tmp-${process.pid}`;
    writeFileSync(temp, data);
    renameSync(temp, target);
  };
  for (const [role, bytes] of Object.entries(graphs)) write(meta.files[role], bytes);
  write(MODEL_META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
  write(MODEL_CARD_FILE, card);
}

/** The project's own model when one was trained in the workspace, else the one shipped with Friction Lens. */
export function resolveModelDir(name: ModelName, packageRoot: string, workspace = process.cwd()): string {
  const own = path.join(workspace, WORKSPACE_MODELS_DIR, name);
  return existsSync(path.join(own, MODEL_META_FILE)) ? own : path.join(packageRoot, 'models', name);
}

/** Fails with both lists when the model was trained on other features than the extractor produces now. */
export function checkFeatureNames(meta: ModelMeta, role: string, expected: readonly string[]): void {
  const actual = meta.inputs[role] ?? [];
  if (actual.length === expected.length && actual.every((n, i) => n === expected[i])) return;
  const missing = expected.filter((n) => !actual.includes(n));
  const extra = actual.filter((n) => !expected.includes(n));
  throw new ModelFileError(
    `model ${meta.version} was trained on other ${role} features than this version of Friction Lens extracts` +
      ` (missing: ${missing.join(', ') || 'none'}; unexpected: ${extra.join(', ') || 'none'}${missing.length + extra.length === 0 ? '; order differs' : ''}); retrain it with \`friction train\``,
  );
}
