// Worker thread: reads, replays and detects the files it is given, posting one message per file.
import { parentPort, workerData } from 'node:worker_threads';
import { readRecordingFile, DEFAULT_MAX_EVENTS_PER_SESSION } from '../sources/files';
import type { ReadIssue } from '../sources/files/types';
import { buildSession } from '../replay';
import type { Goal } from '../replay/types';
import type { DetectOptions } from '../signals';
import { digestSession, type SessionDigest } from './session-digest';

export interface WorkerJob {
  goal?: Goal;
  detect: DetectOptions;
}

export interface FileResult {
  index: number;
  digests: SessionDigest[];
  issues: ReadIssue[];
}

const job = workerData as WorkerJob;

parentPort?.on('message', async (message: { index: number; file: string } | null) => {
  if (message === null) return void parentPort?.close();
  const issues: ReadIssue[] = [];
  const raws = await readRecordingFile(message.file, DEFAULT_MAX_EVENTS_PER_SESSION, (issue) => issues.push(issue));
  const digests = raws.map((raw) => digestSession(buildSession(raw, job.goal), job.detect));
  const result: FileResult = { index: message.index, digests, issues };
  parentPort?.postMessage(result);
});
