// Section c: analyzeFiles over a resampled corpus of 10,000 sessions (1,000 with --quick), in this process,
// with RSS sampled throughout and heap/RSS read (after a GC) at 1/5 and at the end: bounded memory means
// the only growth is the per-session summaries and signals the pipeline keeps by design.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import type { Corpus } from './corpus';
import { GOAL } from './detector-comparison';
import { collectGarbage, round, RssSampler, timed, toMB } from './measure';
import { resampleCorpus } from './resample-corpus';
import type { BenchTable } from './tables';

export interface MemoryCheckpoint {
  sessions: number;
  rssMB: number;
  heapUsedMB: number;
  /** Committed V8 heap and off-heap (Buffers, zlib) memory: what RSS is made of besides code. */
  heapTotalMB: number;
  externalMB: number;
}

export interface ScaleResult {
  sessions: number;
  mb: number;
  generateMs: number;
  analyzeMs: number;
  sessionsPerS: number;
  mbPerS: number;
  startRssMB: number;
  peakRssMB: number;
  checkpoints: MemoryCheckpoint[];
  /** Heap kept per session between the checkpoints (summaries + signals), KB. */
  retainedKBPerSession: number;
}

function checkpoint(sessions: number): MemoryCheckpoint {
  collectGarbage();
  const m = process.memoryUsage();
  return { sessions, rssMB: Math.round(toMB(m.rss)), heapUsedMB: round(toMB(m.heapUsed)), heapTotalMB: round(toMB(m.heapTotal)), externalMB: round(toMB(m.external)) };
}

export async function measureScale(corpus: Corpus, sessions: number): Promise<ScaleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'friction-bench-scale-'));
  try {
    const generated = await timed(() => resampleCorpus(corpus.files, dir, sessions));
    const marks = new Set([Math.round(sessions / 5), sessions]);
    const checkpoints: MemoryCheckpoint[] = [];
    collectGarbage();
    const sampler = new RssSampler().begin();
    const analysed = await timed(() =>
      analyzeFiles([dir], {
        goal: parseGoal(GOAL),
        goalText: GOAL,
        onProgress: (p) => {
          if (marks.has(p.sessions)) checkpoints.push(checkpoint(p.sessions));
        },
      }),
    );
    const rss = sampler.end();
    const count = analysed.value.sessions.length;
    if (checkpoints[checkpoints.length - 1]?.sessions !== count) checkpoints.push(checkpoint(count));
    const mb = toMB(generated.value.bytes);
    const [first, last] = [checkpoints[0], checkpoints[checkpoints.length - 1]];
    const seconds = analysed.ms / 1000;
    return {
      sessions: count,
      mb: round(mb),
      generateMs: Math.round(generated.ms),
      analyzeMs: Math.round(analysed.ms),
      sessionsPerS: round(count / seconds),
      mbPerS: round(mb / seconds),
      startRssMB: Math.round(rss.startMB),
      peakRssMB: Math.round(rss.peakMB),
      checkpoints,
      retainedKBPerSession: last.sessions > first.sessions ? round(((last.heapUsedMB - first.heapUsedMB) * 1024) / (last.sessions - first.sessions), 2) : 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `floorMbPerS`: the gzip JSON.parse floor from the throughput section, when it ran. */
export function scaleTable(r: ScaleResult, floorMbPerS?: number): BenchTable {
  const at = (c: MemoryCheckpoint) => `${c.rssMB} MB RSS / ${c.heapUsedMB} MB heap @ ${c.sessions}`;
  return {
    title: `Scale: ${r.sessions.toLocaleString('en-US')} resampled sessions (gzipped PostHog exports, one per file)`,
    head: ['sessions', 'MB (decompressed)', 'analyse time', 'sessions/s', 'MB/s', 'floor MB/s (.gz)', 'RSS start → peak', 'memory at 1/5', 'memory at end', 'heap kept / session'],
    rows: [[
      r.sessions, r.mb, `${(r.analyzeMs / 1000).toFixed(1)} s`, r.sessionsPerS, r.mbPerS, floorMbPerS ?? 'n/a',
      `${r.startRssMB} → ${r.peakRssMB} MB`, at(r.checkpoints[0]), at(r.checkpoints[r.checkpoints.length - 1]), `${r.retainedKBPerSession} KB`,
    ]],
    notes: [
      `Generation (not timed above): ${(r.generateMs / 1000).toFixed(1)} s; the start RSS still holds its garbage. Checkpoint memory is read after a forced GC.`,
      'Bounded = between the checkpoints memory grows only by what Analysis keeps per session for ranking (summaries, signals): "heap kept / session".',
    ],
  };
}
