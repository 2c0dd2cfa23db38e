// Finds the source files to index under a root, honouring include/exclude patterns, without following symlinked dirs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathPattern } from './glob';
import type { IndexProblem } from './types';

export const DEFAULT_INCLUDE = ['.tsx', '.jsx'];
export const DEFAULT_EXCLUDE = ['node_modules', 'dist', 'build', '.git'];

export interface WalkResult {
  /** Relative paths with forward slashes, sorted, so the index is deterministic. */
  files: string[];
  problems: IndexProblem[];
}

export function listSourceFiles(root: string, include = DEFAULT_INCLUDE, exclude = DEFAULT_EXCLUDE): WalkResult {
  const included = include.map(pathPattern);
  const excluded = exclude.map(pathPattern);
  const files: string[] = [];
  const problems: IndexProblem[] = [];
  const visit = (relDir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch (error) {
      problems.push({ file: relDir || '.', message: `cannot list directory: ${errorMessage(error)}` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (excluded.some((matches) => matches(rel))) continue;
      // Symlinked directories are skipped (loops, vendored trees); symlinked files are indexed like files.
      if (entry.isDirectory()) visit(rel);
      else if ((entry.isFile() || entry.isSymbolicLink()) && included.some((matches) => matches(rel))) files.push(rel);
    }
  };
  visit('');
  return { files, problems };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
