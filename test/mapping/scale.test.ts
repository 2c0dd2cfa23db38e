import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexSources, mapElementToSource } from '../../analyzer/mapping';
import { generateTsxTree } from '../../scripts/bench/generate-tsx-tree';
import { domElement } from './helpers';

describe('mapping at scale (generated TSX tree)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'friction-tree-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the same tree for the same seed and a different one for another seed', () => {
    const a = generateTsxTree(path.join(dir, 'a'), 20, 7);
    const b = generateTsxTree(path.join(dir, 'b'), 20, 7);
    const c = generateTsxTree(path.join(dir, 'c'), 20, 8);
    const read = (root: string, files: string[]) => files.map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
    assert.deepEqual(read(path.join(dir, 'b'), b), read(path.join(dir, 'a'), a));
    assert.notDeepEqual(read(path.join(dir, 'c'), c), read(path.join(dir, 'a'), a));
  });

  it('indexes 300 files and maps 1,000 elements quickly, every unique test id to its own line', () => {
    const root = path.join(dir, 'big');
    generateTsxTree(root, 300, 42);
    const index = indexSources(root);
    assert.equal(index.files, 300);
    assert.deepEqual(index.problems, []);

    const withTestId = index.elements.filter((e) => typeof e.attributes['data-testid'] === 'string');
    assert.ok(withTestId.length > 50);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const entry = withTestId[i % withTestId.length];
      const el = domElement({ tag: entry.tag, classes: entry.classes, text: entry.text, attrs: { 'data-testid': String(entry.attributes['data-testid']) } });
      const [top] = mapElementToSource(el, index);
      assert.deepEqual([top.file, top.line], [entry.file, entry.line]);
      assert.ok(top.confidence >= 0.9);
    }
    // Generous bound for loaded CI machines; typical is well under a second.
    assert.ok(performance.now() - started < 10_000);
  });
});
