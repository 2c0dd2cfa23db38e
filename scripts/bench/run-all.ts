// `npm run bench`: detector accuracy vs posthog-js / Sentry rules, throughput vs the JSON.parse floor, scale to
// 10,000 sessions, source-mapping cost, the ONNX models' speed, the extension in a real VS Code (code-server), and
// synthetic users' runs per minute next to a plain Playwright script. Prints a table per section, then all tables as
// Markdown; writes bench-results/bench.json. Options: --quick (or BENCH_QUICK=1) for 1,000 scale sessions,
// --corpus <dir>, --only a,b,c,d,e,f,g to run some sections.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCorpus } from './corpus';
import { compareDetectors, comparisonTable } from './detector-comparison';
import { mappingTables, measureMapping } from './mapping';
import { measureScale, scaleTable } from './scale';
import { printTable, toMarkdown, type BenchTable } from './tables';
import { measureThroughput, throughputTable } from './throughput';
import { measureModels, modelTables } from './models';
import { extensionTables, measureExtension } from './extension';
import { measureSimulation, simulationTable } from './simulation';

const ROOT = path.resolve(__dirname, '..', '..');

interface Args {
  quick: boolean;
  corpus?: string;
  only: Set<string>;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    quick: argv.includes('--quick') || process.env.BENCH_QUICK === '1',
    corpus: value('--corpus'),
    only: new Set((value('--only') ?? 'a,b,c,d,e,f,g').split(',')),
  };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = findCorpus(ROOT, args.corpus);
  const scaleSessions = args.quick ? 1_000 : 10_000;
  const started = Date.now();
  console.log(`corpus: ${path.relative(ROOT, corpus.dir)} (${corpus.files.length} files); ${machine().cores} cores; node ${process.version}${args.quick ? '; quick' : ''}`);

  const tables: BenchTable[] = [];
  const results: Record<string, unknown> = {};
  const section = async <T>(key: string, name: string, run: () => Promise<T>, toTables: (r: T) => BenchTable[]) => {
    if (!args.only.has(key)) return;
    console.log(`\n[${key}] ${name}…`);
    const result = await run();
    results[name] = result;
    for (const table of toTables(result)) {
      printTable(table);
      tables.push(table);
    }
  };
  await section('a', 'detectorComparison', () => compareDetectors(corpus), (r) => [comparisonTable(r)]);
  let gzipFloor: number | undefined;
  await section('b', 'throughput', () => measureThroughput(corpus), (r) => {
    gzipFloor = r.find((row) => row.input === 'gzip' && row.what === 'JSON.parse floor')?.mbPerS;
    return [throughputTable(r)];
  });
  await section('c', 'scale', () => measureScale(corpus, scaleSessions), (r) => [scaleTable(r, gzipFloor)]);
  await section('d', 'mapping', () => measureMapping(), (r) => mappingTables(r));
  await section('e', 'models', () => measureModels(ROOT, corpus), (r) => modelTables(r));
  await section('f', 'extension', () => measureExtension(), (r) => extensionTables(r));
  await section('g', 'simulation', () => measureSimulation(ROOT), (r) => [simulationTable(r)]);

  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const report = { date: new Date().toISOString(), machine: machine(), quick: args.quick, corpus: path.relative(ROOT, corpus.dir), results };
  fs.writeFileSync(path.join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n---- Markdown ----\n\n${tables.map(toMarkdown).join('\n\n')}\n`);
  console.log(`wrote bench-results/bench.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
