// Builds the SourceIndex: every JSX element under a root (or in one edited file), parsed with ts-morph.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import { extractFile, type FileExtract } from './extract-file';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, errorMessage, listSourceFiles } from './walk-files';
import type { IndexProblem, JsxElementEntry, SourceIndex } from './types';

export interface IndexOptions {
  /** Extensions (".tsx") or globs relative to the root ("src/**\/*.tsx"); default .tsx and .jsx. */
  include?: string[];
  /** Directory names or globs to skip; default node_modules, dist, build, .git. */
  exclude?: string[];
  /** Larger files are reported and skipped: they are bundles or generated code, not hand-written JSX. */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/** A Project that parses only what we hand it: no tsconfig, no import resolution, JSX kept as written. */
export function createParsingProject(): Project {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    useInMemoryFileSystem: false,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, allowJs: true, noResolve: true },
  });
}

export function indexSources(root: string, opts: IndexOptions = {}): SourceIndex {
  const absRoot = path.resolve(root);
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const walk = listSourceFiles(absRoot, opts.include ?? DEFAULT_INCLUDE, opts.exclude ?? DEFAULT_EXCLUDE);
  const project = createParsingProject();
  const index: Required<SourceIndex> = { root: absRoot, files: 0, elements: [], routes: [], components: [], problems: walk.problems };
  for (const rel of walk.files) {
    const abs = path.join(absRoot, rel);
    try {
      const size = fs.statSync(abs).size;
      if (size > maxBytes) {
        index.problems.push({ file: rel, message: `skipped: ${size} bytes exceeds maxFileBytes ${maxBytes}` });
        continue;
      }
      const sourceFile = project.addSourceFileAtPath(abs);
      appendExtract(index, extractFile(sourceFile.compilerNode, rel));
      // Drop the tree once read: 2,000 retained ASTs would cost hundreds of MB for nothing.
      project.removeSourceFile(sourceFile);
      index.files++;
    } catch (error) {
      index.problems.push({ file: rel, message: `unreadable: ${errorMessage(error)}` });
    }
  }
  return index;
}

let textProject: Project | undefined;

/** Parses one file's current text (e.g. an unsaved editor buffer); `file` is stored as given, with forward slashes. */
export function extractSourceText(file: string, text: string): FileExtract {
  textProject ??= createParsingProject();
  const name = file.replace(/\\/g, '/');
  const sourceFile = textProject.createSourceFile(scratchPath(name), text, { overwrite: true });
  try {
    return extractFile(sourceFile.compilerNode, name);
  } finally {
    textProject.removeSourceFile(sourceFile);
  }
}

export function indexSourceText(file: string, text: string): JsxElementEntry[] {
  return extractSourceText(file, text).elements;
}

/**
 * Returns a new index with `file` (absolute, or relative to the root) re-indexed from `text`.
 * The old index is left untouched, so matchers cached on it stay consistent. `files` grows when the
 * file had no entries before (a new file, or one that had no JSX).
 */
export function updateIndex(index: SourceIndex, file: string, text: string): SourceIndex {
  const rel = relativeTo(index.root, file);
  const known = index.elements.some((e) => e.file === rel) || (index.components ?? []).some((c) => c.file === rel);
  const extract = extractSourceText(rel, text);
  const keep = <T extends { file: string }>(items: T[] | undefined): T[] => (items ?? []).filter((item) => item.file !== rel);
  const updated: Required<SourceIndex> = {
    root: index.root,
    files: index.files + (known ? 0 : 1),
    elements: keep(index.elements),
    routes: keep(index.routes),
    components: keep(index.components),
    problems: keep<IndexProblem>(index.problems),
  };
  appendExtract(updated, extract);
  return updated;
}

function appendExtract(index: Required<SourceIndex>, extract: FileExtract): void {
  for (const e of extract.elements) index.elements.push(e);
  for (const r of extract.routes) index.routes.push(r);
  for (const c of extract.components) index.components.push(c);
}

function relativeTo(root: string, file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return rel.split(path.sep).join('/').replace(/^\.\//, '');
}

/** Parse target that never touches disk; the extension picks the grammar (JSX needs .tsx/.jsx), .tsx by default. */
function scratchPath(file: string): string {
  const safe = file.replace(/[^\w.-]/g, '_');
  return `/__friction_lens_scratch__/${/\.[cm]?[jt]sx?$/.test(safe) ? safe : `${safe}.tsx`}`;
}
