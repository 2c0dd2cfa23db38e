// The `friction` command line: the same analyzer functions the extension calls, with exit codes for CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { runAnalyze } from './analyze-command';
import { DEFAULT_POSTHOG_SINCE, refusePosthogFlags, runAnalyzePosthog } from './analyze-posthog';
import { runPrivacy, runPurge } from './privacy-command';
import { runSummary } from './summary-command';
import { runSession } from './session-command';
import { packageRoot } from './package-root';
import { runTrain, TRAINABLE_MODELS } from './train-command';
import { runEval } from '../../models/eval/run-eval';
import { WORKSPACE_MODELS_DIR } from '../models/model-files';
import { API_KEY_ENV, DEFAULT_CACHE_DIR, runSyncCommand } from './sync-command';
import { DEFAULT_FLOWS_FILE } from '../simulate/flows';
import { DEFAULT_GATE_RUNS, DEFAULT_GATE_WORK_DIR, DEFAULT_PARALLEL, DEFAULT_PREDICT_RUNS, DEFAULT_RUNS } from '../simulate/defaults';
import { DEFAULT_THRESHOLDS } from '../simulate/gate';
import { checkFixOptions, DEFAULT_REPORT_FILE, readReport, runFixApply, runFixList } from './fix-command';
import { renderReport } from './report-output';


export const DEMO = {
  corpus: () => path.join(packageRoot(), 'examples', 'shop', 'corpus'),
  src: () => path.join(packageRoot(), 'examples', 'shop', 'src'),
  goal: '/checkout/confirmation',
};

function program(): Command {
  const cli = new Command('friction')
    .description('Friction Lens: find where users struggle in session recordings and map it onto your TSX.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cli
    .command('analyze')
    .description('analyse rrweb / PostHog recordings (files or directories, optionally gzipped) into ranked hotspots, or with --posthog aggregate friction inside PostHog')
    .argument('[recordings...]', 'recording files or directories (none with --posthog)')
    .option('--src <dir>', 'root of the TSX/JSX sources to map hotspots onto')
    .option('--goal <pattern>', 'conversion goal: URL substring, /regex/, selector:<css> or event:<name>')
    .option('--format <format>', 'table | json | sarif', 'table')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--kinds <list>', 'comma-separated signal kinds to detect (default: all)')
    .option('--routes <list>', 'comma-separated route templates, e.g. /product/:id (others are learned)')
    .option('--limit <n>', 'rows in the table', '25')
    .option('--workers <n>', 'worker threads for reading and replay (default: one per core, up to 4)')
    .option('--quiet', 'no progress or warnings on stderr')
    .option('--model <dir>', "session-outcome model ranking hotspots by lost conversions: a model directory or 'none' (default: .friction/models/session-outcome, else the shipped one)")
    .option('--posthog', `aggregate rage / dead / error clicks and drop-off per page and element with HogQL in PostHog (key from $${API_KEY_ENV})`)
    .option('--host <host>', 'with --posthog: us, eu or a self-hosted URL (default: $POSTHOG_HOST or us)')
    .option('--project <id>', 'with --posthog: PostHog project id (default: $POSTHOG_PROJECT_ID)')
    .option('--since <when>', `with --posthog: 30d, 12h or a date (default: ${DEFAULT_POSTHOG_SINCE})`)
    .option('--api-key-env <name>', `with --posthog: environment variable holding the personal API key (default: ${API_KEY_ENV})`)
    .addOption(new Option('--api-key <key>', 'refused: keys on the command line end up in shell history').hideHelp())
    .action(async (recordings: string[], options) => {
      if (options.posthog) return console.log(await runAnalyzePosthog(recordings, options));
      refusePosthogFlags(options);
      console.log(await runAnalyze(recordings, options));
    });

  cli
    .command('summary')
    .description('per-session table: pages, clicks, errors, outcome')
    .argument('<recordings...>', 'recording files or directories')
    .option('--goal <pattern>', 'conversion goal (as for analyze)')
    .option('--limit <n>', 'rows to print', '20')
    .action(async (recordings: string[], options) => console.log(await runSummary(recordings, options)));

  cli
    .command('session')
    .description('one session as JSON for the replay view: rrweb events, pages, signals (with their hotspot ids) and outcome')
    .argument('<id>', 'session id, as in the report (hotspot examples) or the summary')
    .argument('<recordings...>', 'recording files or directories holding the session')
    .option('--goal <pattern>', 'conversion goal (as for analyze): outcome and drop-off depend on it')
    .option('--routes <list>', 'comma-separated route templates (as for analyze)')
    .option('--context <context>', "corpus: signals exactly as analyze finds them (reads every session); session: this session's alone (fast)", 'corpus')
    .option('--quiet', 'no progress or warnings on stderr')
    .action(async (id: string, recordings: string[], options) => console.log(await runSession(id, recordings, options)));

  cli
    .command('sync')
    .description(`copy a PostHog project's finished recordings (older than 24 h) into a local cache for analyze; key from $${API_KEY_ENV}`)
    .option('--host <host>', 'us, eu or the URL of a self-hosted instance (default: $POSTHOG_HOST or us)')
    .option('--project <id>', 'PostHog project id (default: $POSTHOG_PROJECT_ID)')
    .option('--api-key-env <name>', `environment variable holding the personal API key (default: ${API_KEY_ENV})`)
    .option('--cache-dir <dir>', 'where sessions are cached', DEFAULT_CACHE_DIR)
    .option('--since <when>', 'earliest recording start: 7d, 12h or a date (default: where the last sync stopped, or 7d)')
    .option('--limit <n>', 'fetch at most n sessions this run')
    .option('--sample <fraction>', 'keep this fraction of sessions, chosen by a hash of the session id')
    .option('--min-duration <seconds>', 'skip recordings shorter than this')
    .option('--url <text>', 'only recordings whose start URL contains this')
    .option('--sessions <ids>', 'fetch exactly these session ids (comma-separated), e.g. the ones analyze --posthog names')
    .option('--training-consent <setting>', 'auto | on | off: may this data train a model (default: auto, off on EU hosts)')
    .option('--region <region>', 'us | eu: where a self-hosted instance lives, for the consent default')
    .option('--quiet', 'no progress or notes on stderr')
    .addOption(new Option('--api-key <key>', 'refused: keys on the command line end up in shell history').hideHelp())
    .action(async (options) => console.log(await runSyncCommand(options)));

  cli
    .command('train')
    .description('train the session-outcome model and the behaviour policy on recordings the project may train on (consent recorded by sync), into .friction/models')
    .argument('[recordings...]', `recording files or directories (default: ${DEFAULT_CACHE_DIR})`)
    .option('--goal <pattern>', 'conversion goal (required): URL substring, /regex/, selector:<css> or event:<name>')
    .option('--models <list>', `which models: ${TRAINABLE_MODELS.join(',')} (default: all)`)
    .option('--routes <list>', 'comma-separated route templates, e.g. /product/:id (others are learned)')
    .option('--out <dir>', 'where model directories are written', WORKSPACE_MODELS_DIR)
    .option('--quiet', 'no progress on stderr')
    .action(async (recordings: string[], options) => console.log(await runTrain(recordings, options)));

  cli
    .command('eval')
    .description('measure the models: UCI Online Shoppers (public, real sessions) next to published figures, the bundled corpus, the policy vs baselines; writes eval-results/eval.json and the model cards')
    .option('--quick', '3-fold CV instead of 10; the model cards are left as they are')
    .action(async (options) => {
      await runEval({ root: packageRoot(), quick: Boolean(options.quick) });
    });

  cli
    .command('privacy')
    .description('show what the PostHog cache holds: projects, sessions, size, dates, training-consent basis')
    .option('--cache-dir <dir>', 'the cache to inspect', DEFAULT_CACHE_DIR)
    .action((options) => console.log(runPrivacy(options)));

  cli
    .command('purge')
    .description('delete the PostHog cache')
    .option('--cache-dir <dir>', 'the cache to delete', DEFAULT_CACHE_DIR)
    .option('--yes', 'do not ask (required when stdin is not a terminal)')
    .action(async (options) => console.log(await runPurge(options)));

  cli
    .command('simulate')
    .description('synthetic users (the behaviour policy in Chromium, recorded with rrweb) run one flow of the flows file against your running app: success rate, friction by element, confusion points, breakages')
    .option('--flow <name>', 'the flow to run (a name in the flows file)')
    .option('--url <base>', 'where your app runs, e.g. http://localhost:5173 (start it first)')
    .option('--flows <file>', 'flows file', DEFAULT_FLOWS_FILE)
    .option('--runs <n>', 'synthetic users to run', String(DEFAULT_RUNS))
    .option('--parallel <n>', 'browser contexts at once', String(DEFAULT_PARALLEL))
    .option('--seed <n>', 'seed of the first run (run i uses seed + i)', '1')
    .option('--src <dir>', 'root of the TSX/JSX sources to map friction onto')
    .option('--out <dir>', 'output directory (default: .friction/runs/<flow>-<timestamp>)')
    .option('--model <dir>', 'behavior-policy model directory (default: .friction/models/behavior-policy, else the shipped one)')
    .option('--quiet', 'no progress on stderr')
    .action(async (options) => {
      // Required on use, so every other command starts without loading Playwright. require, not import(): tsc,
      // esbuild (bundled, initialised on first call) and tsx's CommonJS hook all keep it synchronous and local.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runSimulate } = require('./simulate-command') as typeof import('./simulate-command');
      console.log(await runSimulate(options));
    });

  cli
    .command('gate')
    .description('usability CI gate: simulate (or read) a baseline and a candidate of one flow, compare success rate and friction per element with exact one-sided tests, exit 1 when the candidate is worse past the thresholds')
    .requiredOption('--flow <name>', 'the flow to compare (a name in the flows file, and the flow of both reports)')
    .requiredOption('--baseline <url|report.json>', 'the reference: a simulation report (.json) or the URL of the deployed app to simulate')
    .requiredOption('--candidate <url|report.json>', 'the change: a simulation report (.json) or the URL of the app built from it')
    .option('--flows <file>', 'flows file, for URLs', DEFAULT_FLOWS_FILE)
    .option('--runs <n>', 'synthetic runs per URL side', String(DEFAULT_GATE_RUNS))
    .option('--alpha <p>', 'significance level of each one-sided test', String(DEFAULT_THRESHOLDS.alpha))
    .option('--max-success-drop <fraction>', 'largest tolerated success-rate drop (0.05 = 5 percentage points)', String(DEFAULT_THRESHOLDS.maxSuccessDrop))
    .option('--max-friction-increase <perRun>', 'largest tolerated increase of a friction signal on one element, in occurrences per run', String(DEFAULT_THRESHOLDS.maxFrictionIncrease))
    .option('--max-end-increase <fraction>', 'largest tolerated increase of the share of runs ending (left, dead end) on one page', String(DEFAULT_THRESHOLDS.maxEndIncrease))
    .option('--correction <method>', 'holm | none: multiple-comparison adjustment of the per-element and per-page checks', DEFAULT_THRESHOLDS.correction)
    .option('--junit <file>', 'write JUnit XML (one test case per check)')
    .option('--sarif <file>', 'write SARIF 2.1.0 (one result per failing check, at its TSX line with --src)')
    .option('--out <file>', 'write the gate result as JSON')
    .option('--src <dir>', 'root of the TSX/JSX sources to map failing elements onto')
    .option('--model <dir>', 'with URLs: behavior-policy model directory (default: .friction/models/behavior-policy, else the shipped one)')
    .option('--seed <n>', 'with URLs: seed of the first run (run i uses seed + i), the same on both sides', '1')
    .option('--work-dir <dir>', 'with URLs: where each side\'s recordings and report are written (<dir>/<flow>/baseline|candidate)', DEFAULT_GATE_WORK_DIR)
    .option('--quiet', 'no progress on stderr')
    .action(async (options) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runGate } = require('./gate-command') as typeof import('./gate-command');
      console.log(await runGate(options));
    });

  cli
    .command('fix')
    .description('product editor: fixes from the catalogue for the hotspots of a report (--list), applied to the TSX they name (--apply, optionally behind a PostHog feature flag), or their effect predicted with synthetic runs of the original and the patched app (--predict)')
    .option('--list', 'list the fixes that fit the report\'s hotspots, with their rationale and verification plan')
    .option('--apply <id>', 'apply one fix (an id from --list) to its file')
    .option('--predict <id>', 'simulate the flow on the app as it is and with the fix (needs "app" in the flows file)')
    .option('--flag <key>', 'with --apply: ship the change behind this PostHog feature flag (posthog-js/react useFeatureFlagEnabled)')
    .option('--dry-run', 'with --apply: print the new file instead of writing it')
    .option('--report <file>', 'the analysis report (friction analyze --format json --out <file>)', DEFAULT_REPORT_FILE)
    .option('--src <dir>', 'root of the TSX/JSX sources (default: the report\'s)')
    .option('--format <format>', 'text | json', 'text')
    .option('--flows <file>', 'with --predict: flows file', DEFAULT_FLOWS_FILE)
    .option('--flow <name>', 'with --predict: the flow to simulate (default: the only one)')
    .option('--runs <n>', 'with --predict: synthetic runs per side', String(DEFAULT_PREDICT_RUNS))
    .option('--seed <n>', 'with --predict: seed of the first run, the same on both sides', '1')
    .option('--model <dir>', 'with --predict: behavior-policy model directory')
    .option('--out <dir>', 'with --predict: where the runs, recordings and predicted-effect.json go')
    .option('--quiet', 'no progress on stderr')
    .action(async (options) => {
      const mode = checkFixOptions(options);
      if (mode === 'list') return console.log(runFixList(options));
      if (mode === 'apply') return console.log(runFixApply(options.apply, options));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runFixPredict } = require('./fix-predict') as typeof import('./fix-predict');
      console.log(await runFixPredict(options.predict, options));
    });

  cli
    .command('demo')
    .description('analyse the bundled example corpus against examples/shop/src')
    .action(async () => {
      console.log(`Friction Lens demo: ${path.relative(process.cwd(), DEMO.corpus())} -> ${path.relative(process.cwd(), DEMO.src())}\n`);
      console.log(await runSummary([DEMO.corpus()], { goal: DEMO.goal, limit: '8' }));
      console.log('');
      // One analysis, saved as the report `friction fix` reads: its table, then the fixes it offers (nothing is edited).
      const report = path.join(mkdtempSync(path.join(tmpdir(), 'friction-demo-')), 'report.json');
      await runAnalyze([DEMO.corpus()], { src: DEMO.src(), goal: DEMO.goal, format: 'json', out: report });
      console.log(renderReport(readReport(report), { limit: '15' }));
      console.log(`\nProduct editor (friction fix --list): ${runFixList({ report })}`);
      rmSync(path.dirname(report), { recursive: true, force: true });
    });
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const exitCode = (error as { exitCode?: number }).exitCode;
    process.stderr.write(`friction: ${(error as Error).message}\n`);
    return typeof exitCode === 'number' ? exitCode : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
