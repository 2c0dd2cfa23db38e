// `friction fix --predict <id>`: copies the sources inside the project (so its node_modules still resolve), applies
// the fix to the copy, starts the app twice from the flows file's `app` command (original and patched sources),
// runs the same synthetic users (same seeds, same model) on both, and reports the difference.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIX_CATALOGUE } from '../fixes';
import { comparePredicted, formatPredictedEffect, type PredictedEffect } from '../fixes/predicted-effect';
import { applyProposal } from '../fixes/propose-fixes';
import { resolveModelDir } from '../models/model-files';
import { DEFAULT_PREDICT_RUNS } from '../simulate/defaults';
import { DEFAULT_FLOWS_FILE, findFlow, FlowsFileError, readFlowsFile } from '../simulate/flows';
import { runFlow } from '../simulate/run-flow';
import { startApp, type RunningApp } from './app-process';
import { InputError, UsageError } from './errors';
import { DEFAULT_REPORT_FILE, diskWorkspace, readReport, srcRootOf } from './fix-command';
import { packageRoot } from './package-root';
import { ProgressLine } from './progress';

export interface FixPredictOptions {
  report?: string;
  src?: string;
  flows?: string;
  flow?: string;
  runs?: string;
  seed?: string;
  model?: string;
  out?: string;
  format?: string;
  quiet?: boolean;
}

/** The folder holding `.friction/`: where the app command runs and the patched copy lives. */
function projectRootOf(flowsFile: string): string {
  const dir = path.dirname(path.resolve(flowsFile));
  return path.basename(dir) === '.friction' ? path.dirname(dir) : dir;
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'fix';

export async function runFixPredict(id: string, options: FixPredictOptions): Promise<string> {
  const reportFile = options.report ?? DEFAULT_REPORT_FILE;
  const report = readReport(reportFile);
  const srcRoot = srcRootOf(report, reportFile, options.src);
  const workspace = diskWorkspace(srcRoot);
  const edit = applyProposal(id, report, FIX_CATALOGUE, workspace);
  if ('problem' in edit) throw new InputError(`cannot predict ${id}: ${edit.problem.message}`);
  const hotspot = report.hotspots.find((h) => h.id === id.slice(id.indexOf('@') + 1))!;

  const flowsFile = options.flows ?? DEFAULT_FLOWS_FILE;
  const flows = readFlowsFile(flowsFile);
  if (!flows.app) {
    throw new FlowsFileError(flowsFile, ['app: is missing. Predicting a fix starts your app from a patched copy of the sources: add "app": { "command": "<serves {src} on {port}>", "url": "http://127.0.0.1:{port}" }']);
  }
  if (!options.flow && flows.flows.length > 1) throw new UsageError(`--flow is required: the flows file has ${flows.flows.map((f) => f.name).join(', ')}`);
  const flow = options.flow ? findFlow(flows, options.flow, flowsFile) : flows.flows[0];
  const runs = Number(options.runs ?? DEFAULT_PREDICT_RUNS);
  const seed = Number(options.seed ?? 1);
  if (!Number.isInteger(runs) || runs < 2 || runs > 1000) throw new UsageError(`--runs must be a whole number from 2 to 1000, got "${options.runs}"`);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number >= 0, got "${options.seed}"`);

  const root = projectRootOf(flowsFile);
  const outDir = path.resolve(options.out ?? path.join(root, '.friction', 'predict', `${slug(id)}-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  // Inside the project, so the copy's imports resolve through the project's node_modules as the original's do.
  const patchedSrc = path.join(outDir, 'src');
  mkdirSync(outDir, { recursive: true });
  cpSync(srcRoot, patchedSrc, { recursive: true, filter: (from) => !/[\\/](node_modules|\.git|dist)$/.test(from) });
  writeFileSync(path.join(patchedSrc, edit.file), edit.after);

  const modelDir = options.model ?? resolveModelDir('behavior-policy', packageRoot());
  const cwd = path.resolve(root, flows.app.cwd ?? '.');
  const progress = new ProgressLine();
  const say = (text: string) => !options.quiet && progress.update(text);
  const apps: RunningApp[] = [];
  try {
    const reports = [];
    for (const side of ['original', 'patched'] as const) {
      say(`${side}: starting the app`);
      const app = await startApp(flows.app, { src: side === 'original' ? srcRoot : patchedSrc, cwd });
      apps.push(app);
      reports.push(
        await runFlow({
          flow,
          baseUrl: app.url,
          runs,
          seed,
          modelDir,
          outDir: path.join(outDir, side),
          src: side === 'original' ? srcRoot : patchedSrc,
          onRun: (_run, done, total) => say(`${side}: ${done}/${total} synthetic runs`),
        }),
      );
      await app.stop();
    }
    progress.done();
    const goalRoute = 'url' in flow.goal && flow.goal.url.startsWith('/') ? flow.goal.url : undefined;
    const effect: PredictedEffect = comparePredicted(reports[0], reports[1], hotspot, goalRoute);
    writeFileSync(path.join(outDir, 'predicted-effect.json'), `${JSON.stringify({ id, file: edit.file, ...effect }, null, 2)}\n`);
    if (options.format === 'json') return JSON.stringify({ id, file: edit.file, ...effect }, null, 2);
    return `${formatPredictedEffect(effect)}\nruns and recordings: ${path.relative(process.cwd(), outDir) || '.'} (patched sources in src/, removed with the folder)`;
  } catch (error) {
    progress.done();
    throw error;
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}
