// Expands the user's paths into candidate recording files in a deterministic order (entries sorted by
// name). Lazy: only names are listed ahead; each file is read when the consumer gets to it.
import { opendir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ReadIssue } from './types';

const RECORDING_NAME = /\.(json|jsonl|ndjson)(\.gz)?$/i;
/** Files we skip without a word: clearly not recordings (docs, code, images, archives...). */
const OBVIOUSLY_NOT_RECORDING =
  /\.(md|markdown|rst|txt|html?|css|s[ac]ss|[cm]?[jt]sx?|map|d\.ts|png|jpe?g|gif|svg|webp|ico|pdf|csv|tsv|ya?ml|toml|ini|lock|log|sh|py|zip|tar|tgz|mp4|webm|wasm)$/i;
const OBVIOUS_NAMES = /^(readme|license|licence|changelog|notice|makefile|dockerfile)(\..*)?$/i;
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Sidecars that are not recordings: the ground truth written next to synthetic corpora, and PostHog event
 * exports (`posthog-events*.ndjson`: $pageview/$autocapture/... events, read by the PostHog source instead).
 */
export function isSidecar(name: string): boolean {
  return name.startsWith('ground-truth') || name.startsWith('posthog-events');
}

/** Session id for a file: its basename without .gz and .json/.jsonl/.ndjson. */
export function baseId(file: string): string {
  return basename(file).replace(/\.gz$/i, '').replace(/\.(json|jsonl|ndjson)$/i, '');
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Report = (issue: ReadIssue) => void;

function cannotRead(file: string, err: unknown, report: Report): void {
  report({ file, position: 'byte 0', message: `cannot read: ${(err as Error).message}`, skipped: 'file', count: 1 });
}

/** Yields files to read. An explicitly named file is read whatever its extension. */
export async function* recordingFiles(path: string, report: Report): AsyncGenerator<string> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    return cannotRead(path, err, report);
  }
  if (!info.isDirectory()) {
    if (!isSidecar(basename(path))) yield path;
    return;
  }
  yield* walk(path, report, new Set());
}

async function* walk(dir: string, report: Report, visited: Set<string>): AsyncGenerator<string> {
  let names: { name: string; dir: boolean }[];
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return; // symlink cycle
    visited.add(real);
    names = [];
    for await (const entry of await opendir(dir)) {
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) isDir = await stat(join(dir, entry.name)).then((s) => s.isDirectory(), () => false);
      names.push({ name: entry.name, dir: isDir });
    }
  } catch (err) {
    return cannotRead(dir, err, report);
  }
  names.sort((a, b) => byName(a.name, b.name));
  for (const { name, dir: isDir } of names) {
    const full = join(dir, name);
    if (name.startsWith('.')) continue; // .git, .DS_Store, editor files
    if (isDir) {
      if (!SKIPPED_DIRS.has(name)) yield* walk(full, report, visited);
    } else if (RECORDING_NAME.test(name)) {
      if (!isSidecar(name)) yield full;
    } else if (!OBVIOUSLY_NOT_RECORDING.test(name) && !OBVIOUS_NAMES.test(name)) {
      report({ file: full, position: '', message: 'not read: recordings must end in .json, .jsonl or .ndjson (optionally .gz)', skipped: 'file', count: 1 });
    }
  }
}
