// May these recordings train a model? Data synced from PostHog carries its project's consent decision (made at
// sync time: opt-in by default, opt-out on EU instances); the bundled example corpus is ours; other local files
// were handed over explicitly by the user. Any refused project stops training, naming how to change the decision.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CACHE_MARKER, readState, STATE_FILE } from '../sources/posthog/cache';
import { UsageError } from './errors';
import { packageRoot } from './package-root';

export interface TrainingSource {
  path: string;
  basis: string;
}

function projectAbove(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, STATE_FILE))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** PostHog cache projects a path covers: a project, a cache root, or a file inside a project. */
function cacheProjects(p: string): string[] {
  const isDir = statSync(p).isDirectory();
  if (isDir && existsSync(path.join(p, STATE_FILE))) return [path.resolve(p)];
  if (isDir && existsSync(path.join(p, CACHE_MARKER))) {
    return readdirSync(p, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(path.join(p, e.name, STATE_FILE)))
      .map((e) => path.resolve(p, e.name));
  }
  const above = projectAbove(isDir ? path.join(p, '.') : p);
  return above ? [above] : [];
}

export function trainingSources(paths: string[]): TrainingSource[] {
  const bundled = path.join(packageRoot(), 'examples');
  const sources: TrainingSource[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`cannot read ${p}: no such file or directory`);
    const projects = cacheProjects(p);
    if (projects.length === 0) {
      const ours = path.resolve(p).startsWith(bundled + path.sep);
      sources.push({
        path: p,
        basis: ours
          ? `${path.relative(packageRoot(), p)}: Friction Lens's bundled example corpus, recorded from scripted personas (no real users)`
          : `${p}: local recordings given to \`friction train\` by the user, who holds the right to use them`,
      });
      continue;
    }
    for (const dir of projects) {
      const state = readState(dir)!;
      const where = `PostHog project ${state.projectId} on ${state.host}`;
      if (!state.consent.allowed) {
        throw new UsageError(
          `${where} (${dir}) may not train a model: ${state.consent.basis}. ` +
            'Ask the project owner, then run `friction sync --training-consent on` for it, or train on other data.',
        );
      }
      sources.push({ path: dir, basis: `${where}: ${state.consent.basis} (decided ${state.consent.decidedAt})` });
    }
  }
  return sources;
}
