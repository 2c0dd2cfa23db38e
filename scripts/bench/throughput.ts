// Section b: read + analyse the corpus end to end vs the floor of plain JSON.parse on the same bytes.
// Main figure on decompressed copies (both sides read the same plain .json files, so gunzip is out of the
// comparison); a second pair on the .gz files, where both sides gunzip with node:zlib.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import type { Corpus } from './corpus';
import { GOAL } from './detector-comparison';
import { collectGarbage, median, round, RssSampler, timed, toMB, yieldToLoop } from './measure';
import type { BenchTable } from './tables';

const gunzipAsync = promisify(gunzip);
const RUNS = 3;

export interface ThroughputRow {
  input: 'plain' | 'gzip';
  what: 'analyzeFiles' | 'analyzeFiles, 2 workers' | 'JSON.parse floor';
  sessions: number;
  /** Decompressed bytes, whichever form was read. */
  mb: number;
  medianMs: number;
  mbPerS: number;
  sessionsPerS: number;
  peakRssMB: number;
  runsMs: number[];
}

async function parseFloor(files: string[], gzip: boolean): Promise<number> {
  let parsed = 0;
  for (const file of files) {
    const bytes = await fs.promises.readFile(file);
    const text = (gzip ? await gunzipAsync(bytes) : bytes).toString('utf8');
    if (JSON.parse(text)) parsed++;
    await yieldToLoop();
  }
  return parsed;
}

/** One thread (the library default) or worker threads (the CLI's default: one per core). */
async function analyzeAll(files: string[], workers = 1): Promise<number> {
  const result = await analyzeFiles(files, { goal: parseGoal(GOAL), goalText: GOAL, workers });
  return result.sessions.length;
}

async function measure(input: ThroughputRow['input'], what: ThroughputRow['what'], mb: number, run: () => Promise<number>): Promise<ThroughputRow> {
  const runs: { ms: number; sessions: number; peak: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    const sampler = new RssSampler().begin();
    const { ms, value } = await timed(run);
    runs.push({ ms, sessions: value, peak: sampler.end().peakMB });
  }
  const ms = median(runs.map((r) => r.ms));
  const sessions = runs[0].sessions;
  return {
    input, what, sessions, mb: round(mb), medianMs: Math.round(ms),
    mbPerS: round(mb / (ms / 1000)), sessionsPerS: round(sessions / (ms / 1000)),
    peakRssMB: Math.round(median(runs.map((r) => r.peak))), runsMs: runs.map((r) => Math.round(r.ms)),
  };
}

/** Writes plain copies of the recordings to a temp dir; returns their paths and total size. */
function decompressedCopies(files: string[], dir: string): { files: string[]; bytes: number } {
  let bytes = 0;
  const out = files.map((file) => {
    const raw = fs.readFileSync(file);
    const plain = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    bytes += plain.length;
    const target = path.join(dir, path.basename(file).replace(/\.gz$/, ''));
    fs.writeFileSync(target, plain);
    return target;
  });
  return { files: out, bytes };
}

export async function measureThroughput(corpus: Corpus): Promise<ThroughputRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'friction-bench-plain-'));
  try {
    const plain = decompressedCopies(corpus.files, dir);
    const mb = toMB(plain.bytes);
    return [
      await measure('plain', 'JSON.parse floor', mb, () => parseFloor(plain.files, false)),
      await measure('plain', 'analyzeFiles', mb, () => analyzeAll(plain.files)),
      await measure('gzip', 'JSON.parse floor', mb, () => parseFloor(corpus.files, true)),
      await measure('gzip', 'analyzeFiles', mb, () => analyzeAll(corpus.files)),
      await measure('gzip', 'analyzeFiles, 2 workers', mb, () => analyzeAll(corpus.files, 2)),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function throughputTable(rows: ThroughputRow[]): BenchTable {
  const floorOf = (input: ThroughputRow['input']) => rows.find((r) => r.input === input && r.what === 'JSON.parse floor');
  return {
    title: `Throughput: read + analyse vs JSON.parse floor (median of ${RUNS} runs)`,
    head: ['input', 'what', 'sessions', 'MB (decompressed)', 'median time', 'MB/s', 'floor MB/s', 'ratio to floor', 'sessions/s', 'peak RSS'],
    rows: rows.map((r) => {
      const floor = floorOf(r.input)!;
      return [
        r.input === 'plain' ? 'plain .json copies' : '.json.gz',
        r.what, r.sessions, r.mb, `${r.medianMs} ms`, r.mbPerS, floor.mbPerS,
        `${(r.mbPerS / floor.mbPerS).toFixed(2)}×`, r.sessionsPerS, `${r.peakRssMB} MB`,
      ];
    }),
    notes: [
      'MB are decompressed bytes in both rows of a pair; the floor reads each file, (gunzips it,) and JSON.parses it whole.',
      'Target: analyzeFiles ≥ 0.5× the floor. Peak RSS is the whole process (sampled every 50 ms), median over runs.',
    ],
  };
}
