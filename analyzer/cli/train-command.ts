// `friction train <recordings...> --goal <pattern>`: train the session-outcome model (and the behaviour policy)
// on recordings the project may train on, and write them with their model cards to .friction/models/, where
// `analyze`, the extension and `simulate` pick them up.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../pipeline/analyze';
import { parseGoal } from '../replay';
import { WORKSPACE_MODELS_DIR, writeModelDir, type ModelMeta } from '../models/model-files';
import { trainSessionOutcome } from '../../models/train/train-session-outcome';
import { trainBehaviorPolicy } from '../../models/train/train-behavior-policy';
import { readSessions } from '../sources/files';
import { UsageError } from './errors';
import { ProgressLine } from './progress';
import { parseList } from './report-output';
import { DEFAULT_CACHE_DIR } from './sync-command';
import { trainingSources, type TrainingSource } from './training-consent';

export const TRAINABLE_MODELS = ['session-outcome', 'behavior-policy'] as const;

export interface TrainCommandOptions {
  goal?: string;
  routes?: string;
  out?: string;
  models?: string;
  quiet?: boolean;
}

function chosenModels(flag: string | undefined): string[] {
  const names = parseList(flag) ?? [...TRAINABLE_MODELS];
  for (const n of names) if (!(TRAINABLE_MODELS as readonly string[]).includes(n)) throw new UsageError(`--models: unknown model "${n}" (known: ${TRAINABLE_MODELS.join(', ')})`);
  return names;
}

function describeSources(sources: TrainingSource[]): string {
  return sources.length === 1 ? `recordings in ${sources[0].path}` : `recordings from ${sources.length} sources`;
}

function summaryLine(dir: string, meta: ModelMeta): string {
  const figures = Object.entries(meta.metrics)
    .filter(([, v]) => Number.isFinite(v))
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(', ');
  return `${meta.version} -> ${dir}\n  ${figures}`;
}

export async function runTrain(recordings: string[], options: TrainCommandOptions): Promise<string> {
  const paths = recordings.length > 0 ? recordings : existsSync(DEFAULT_CACHE_DIR) ? [DEFAULT_CACHE_DIR] : [];
  if (paths.length === 0) throw new UsageError(`no recordings given and no ${DEFAULT_CACHE_DIR}: pass recording files or directories, or run \`friction sync\` first`);
  if (!options.goal) throw new UsageError('--goal is required: the models learn what leads to it (URL substring, /regex/, selector:<css> or event:<name>)');
  const models = chosenModels(options.models);
  const sources = trainingSources(paths);
  const info = { description: `${describeSources(sources)}; conversion = ${options.goal}`, sources: sources.map((s) => s.path), consent: sources.map((s) => s.basis) };
  const out = options.out ?? WORKSPACE_MODELS_DIR;
  const lines: string[] = [];
  const progress = new ProgressLine();
  const say = (text: string) => !options.quiet && progress.update(text);

  if (models.includes('session-outcome')) {
    const analysis = await analyzeFiles(paths, {
      goal: parseGoal(options.goal),
      goalText: options.goal,
      routes: parseList(options.routes),
      onProgress: (p) => say(`session-outcome: reading ${p.sessions} sessions`),
    });
    say('session-outcome: training');
    const trained = trainSessionOutcome(analysis, info);
    const dir = path.join(out, 'session-outcome');
    writeModelDir(dir, trained.meta, trained.graphs, trained.card);
    lines.push(summaryLine(dir, trained.meta));
  }
  if (models.includes('behavior-policy')) {
    const trained = await trainBehaviorPolicy(
      { sessions: readSessions(paths), goal: parseGoal(options.goal), routePatterns: parseList(options.routes), log: (line) => say(`behavior-policy: ${line}`) },
      info,
    );
    const dir = path.join(out, 'behavior-policy');
    writeModelDir(dir, trained.meta, trained.graphs, trained.card);
    lines.push(summaryLine(dir, trained.meta));
  }
  progress.done();
  return lines.join('\n');
}
