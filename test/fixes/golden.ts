// Golden-test harness for the fix catalogue: a fixture's `before` text goes through the real engine (parse check,
// locate, trigger check, ts-morph transform, re-parse), must equal its `after` file byte for byte, must not apply
// a second time, and must type-check against React's types when the `before` file does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import { applyFixToText } from '../../analyzer/fixes/apply-fix';
import type { FixDefinition, FixEdit } from '../../analyzer/fixes/types';
import type { ReportHotspot } from '../../analyzer/report/types';

export const FIXTURES = path.join(__dirname, 'fixtures');

/** A report hotspot with plausible figures; tests override what their fix reads. */
export function hotspotFor(partial: Partial<ReportHotspot> & Pick<ReportHotspot, 'kind' | 'page'>): ReportHotspot {
  return {
    id: `${partial.kind}:${partial.page}:fixture`,
    sessions: 31,
    occurrences: 57,
    share: 0.31,
    pageSessions: 100,
    conversionAffected: 0.12,
    conversionUnaffected: 0.41,
    score: 9,
    examples: [],
    source: [],
    ...partial,
  };
}

let checker: Project | undefined;

/** Type errors of a TSX text as if it sat in the fixtures folder (React's types from the repository's node_modules). */
export function typeErrors(name: string, text: string): string[] {
  checker ??= new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { jsx: ts.JsxEmit.ReactJSX, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [], noEmit: true },
  });
  const file = checker.createSourceFile(path.join(FIXTURES, `__check__${name}`), text, { overwrite: true });
  try {
    return file.getPreEmitDiagnostics().map((d) => `${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`);
  } finally {
    checker.removeSourceFile(file);
  }
}

export interface GoldenCase {
  fix: FixDefinition;
  /** `<name>.before.tsx` and `<name>.after.tsx` in test/fixes/fixtures. */
  name: string;
  line: number;
  column: number;
  hotspot: ReportHotspot;
  /** Set when the fixture is not meant to type-check on its own (e.g. it imports a module we do not have). */
  skipTypeCheck?: boolean;
  /** Overrides the written `after` file (e.g. a flagged variant of the same `before`). */
  after?: string;
  behindFlag?: Parameters<typeof applyFixToText>[0]['behindFlag'];
  /**
   * Where the element is after the fix when it added lines above it (an import, a hook) and the element has no
   * literal identity the engine could find it by: the second application looks there.
   */
  movedTo?: { line: number; column: number };
}

export function assertGolden(c: GoldenCase): FixEdit {
  const before = readFileSync(path.join(FIXTURES, `${c.name}.before.tsx`), 'utf8');
  const expected = readFileSync(path.join(FIXTURES, c.after ?? `${c.name}.after.tsx`), 'utf8');
  const file = `${c.name}.tsx`;
  const result = applyFixToText({ fix: c.fix, hotspot: c.hotspot, file, text: before, line: c.line, column: c.column, srcRoot: FIXTURES, behindFlag: c.behindFlag });
  if ('problem' in result) assert.fail(`${c.fix.id} on ${c.name}: ${result.problem.kind}: ${result.problem.message}`);
  assert.equal(result.after, expected, `${c.fix.id} on ${c.name}: the result differs from ${c.after ?? `${c.name}.after.tsx`}`);
  // The single edit reproduces the whole result.
  assert.equal(before.slice(0, result.edit.start) + result.edit.text + before.slice(result.edit.end), result.after);
  // Idempotent: the element is still found where the data put it, and the fix knows it is there.
  const at = c.movedTo ?? { line: c.line, column: c.column };
  const again = applyFixToText({ fix: c.fix, hotspot: c.hotspot, file, text: result.after, line: at.line, column: at.column, srcRoot: FIXTURES, behindFlag: c.behindFlag });
  assert.ok('problem' in again && again.problem.kind === 'already_applied', `${c.fix.id} on ${c.name} applied twice: ${'problem' in again ? again.problem.message : 'changed the file again'}`);
  if (!c.skipTypeCheck) {
    assert.deepEqual(typeErrors(file, before), [], `fixture ${c.name}.before.tsx should type-check`);
    assert.deepEqual(typeErrors(file, result.after), [], `${c.fix.id} on ${c.name}: the result does not type-check`);
  }
  return result;
}
