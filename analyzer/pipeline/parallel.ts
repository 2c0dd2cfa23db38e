// Reading and replaying spread over worker threads (JSON.parse and the DOM mirror are CPU-bound, one file at a
// time). Files are handed out one by one and results merged in file order, so the outcome equals the
// sequential pipeline's exactly; memory stays bounded by the files in flight.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { recordingFiles } from '../sources/files/walk-paths';
import type { ReadIssue } from '../sources/files/types';
import { Analysis, type AnalysisResult, type AnalyzeOptions } from './analyze';
import type { FileResult, WorkerJob } from './analysis-worker';

/** The bundled CLI ships dist/analysis-worker.js; from sources (tests, tsx) the .ts runs through tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'analysis-worker.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  return { file: path.join(__dirname, 'analysis-worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

export async function analyzeFilesInWorkers(paths: string[], options: AnalyzeOptions): Promise<AnalysisResult> {
  const analysis = new Analysis(options);
  const skipped: ReadIssue[] = [];
  const report = (issue: ReadIssue) => {
    skipped.push(issue);
    options.onIssue?.(issue);
  };
  const files: string[] = [];
  for (const p of paths) for await (const file of recordingFiles(p, report)) files.push(file);

  const job: WorkerJob = { goal: options.goal, detect: analysis.detectOptions() };
  const entry = workerEntry();
  const count = Math.max(1, Math.min(options.workers ?? 1, files.length));
  const results = new Map<number, FileResult>();
  let nextToMerge = 0;
  let nextToSend = 0;
  const merge = () => {
    for (let r = results.get(nextToMerge); r; r = results.get(nextToMerge)) {
      results.delete(nextToMerge++);
      r.issues.forEach(report);
      for (const digest of r.digests) analysis.addDigest(digest);
      options.onProgress?.({ sessions: analysis.summaries.length, events: analysis.events, file: files[nextToMerge - 1] });
    }
  };
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(entry.file, { workerData: job, execArgv: entry.execArgv });
      return new Promise<void>((resolve, reject) => {
        const sendNext = () => {
          if (nextToSend < files.length) {
            const index = nextToSend++;
            worker.postMessage({ index, file: files[index] });
          } else worker.postMessage(null);
        };
        worker.on('message', (result: FileResult) => {
          results.set(result.index, result);
          merge();
          sendNext();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
        sendNext();
      });
    }),
  );
  merge();
  return analysis.finish(skipped);
}
