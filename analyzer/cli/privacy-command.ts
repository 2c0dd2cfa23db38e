// `friction privacy` shows what the PostHog cache holds and on what consent basis; `friction purge` deletes it.
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { inspectCache, purgeCache, type CacheInventory } from '../sources/posthog';
import { InputError, UsageError } from './errors';
import { DEFAULT_CACHE_DIR } from './sync-command';

export interface PrivacyCommandOptions {
  cacheDir?: string;
}

export interface PurgeCommandOptions extends PrivacyCommandOptions {
  yes?: boolean;
}

export interface PurgeIo {
  /** Whether a person can answer a prompt. */
  interactive?: boolean;
  confirm?: (question: string) => Promise<boolean>;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const day = (iso?: string): string => (iso ? iso.slice(0, 10) : '-');

function cacheDirOf(options: PrivacyCommandOptions): string {
  return path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
}

function inventory(cacheDir: string): CacheInventory {
  try {
    return inspectCache(cacheDir);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

export function runPrivacy(options: PrivacyCommandOptions): string {
  const cacheDir = cacheDirOf(options);
  const { exists, projects } = inventory(cacheDir);
  if (!exists || projects.length === 0) return `nothing stored: no PostHog cache in ${cacheDir}`;
  const lines = [`PostHog cache in ${cacheDir}`];
  for (const p of projects) {
    lines.push(
      `project ${p.projectId} on ${p.host}`,
      `  sessions:   ${p.sessions} (${mb(p.bytes)} on disk), recordings started ${day(p.oldestStart)} to ${day(p.newestStart)}`,
      `  last sync:  ${p.lastRunAt ?? '-'}${p.failures ? `; ${p.failures} sessions failed` : ''}`,
      `  training:   ${p.consent.allowed ? 'allowed' : 'not allowed'} (${p.consent.setting}): ${p.consent.basis}; decided ${p.consent.decidedAt}`,
      `  stored in:  ${p.dir}`,
    );
  }
  lines.push('Text, emails, card and phone numbers were scrubbed and typed values masked before caching. Nothing here leaves this machine.');
  lines.push(`Delete it all with: friction purge --cache-dir ${path.relative(process.cwd(), cacheDir) || '.'} --yes`);
  return lines.join('\n');
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runPurge(options: PurgeCommandOptions, io: PurgeIo = {}): Promise<string> {
  const cacheDir = cacheDirOf(options);
  const { exists, projects } = inventory(cacheDir);
  if (!exists || projects.length === 0) return `nothing to delete: no PostHog cache in ${cacheDir}`;
  const what = `${projects.reduce((n, p) => n + p.sessions, 0)} sessions of ${projects.length} project(s), ${mb(projects.reduce((n, p) => n + p.bytes, 0))}, in ${cacheDir}`;
  if (!options.yes) {
    // A script or CI job must say so explicitly; only a person at a terminal gets a prompt.
    if (!(io.interactive ?? process.stdin.isTTY)) throw new UsageError(`refusing to delete ${what} without --yes (stdin is not a terminal)`);
    const confirmed = await (io.confirm ?? askOnTerminal)(`Delete ${what}? [y/N] `);
    if (!confirmed) return 'nothing deleted';
  }
  try {
    const result = purgeCache(cacheDir);
    return `deleted ${result.projects} project cache(s), ${mb(result.bytes)}, from ${cacheDir}`;
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}
