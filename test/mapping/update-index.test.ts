import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexSources, mapElementToSource, updateIndex } from '../../analyzer/mapping';
import { domElement, FIXTURE_APP, lineOf } from './helpers';

const payNow = domElement({ tag: 'button', classes: ['btn', 'btn-primary'], text: 'Pay now' });

describe('updateIndex: re-indexing one edited file', () => {
  const index = indexSources(FIXTURE_APP);
  const file = 'pages/Checkout.tsx';
  const original = fs.readFileSync(path.join(FIXTURE_APP, file), 'utf8');
  const payLine = lineOf(file, 'className={`btn btn-primary');

  it('shifts lines after an edit above the element, in a new index', () => {
    const edited = original.replace('  const [busy, setBusy] = useState(false);\n', '  const [busy, setBusy] = useState(false);\n  // one\n  // two\n  // three\n');
    const updated = updateIndex(index, path.join(FIXTURE_APP, file), edited);
    assert.equal(mapElementToSource(payNow, updated)[0].line, payLine + 3);
    assert.equal(mapElementToSource(payNow, index)[0].line, payLine, 'the old index and its cached lookups are untouched');
    assert.equal(updated.files, index.files);
    assert.equal(updated.elements.length, index.elements.length);
  });

  it('drops elements removed from the file and picks up new ones', () => {
    const edited = original.replace('<span className="label">Pay now</span>', '<span className="label">Place order</span>');
    const updated = updateIndex(index, file, edited);
    const top = mapElementToSource(domElement({ tag: 'button', text: 'Place order' }), updated)[0];
    assert.deepEqual([top.file, top.line], [file, payLine]);
    assert.deepEqual(mapElementToSource(domElement({ tag: 'button', text: 'Pay now' }), updated), []);
  });

  it('adds a file the index has not seen', () => {
    const updated = updateIndex(index, 'pages/New.tsx', 'export const New = () => <button data-testid="brand-new">New</button>;');
    assert.equal(updated.files, index.files + 1);
    assert.equal(mapElementToSource(domElement({ tag: 'button', attrs: { 'data-testid': 'brand-new' } }), updated)[0].file, 'pages/New.tsx');
  });
});

describe('indexSources: damaged trees', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'friction-mapping-'));
    fs.cpSync(FIXTURE_APP, dir, { recursive: true });
    // Unclosed tags and a stray brace: the parser recovers, so the good parts are still indexed.
    fs.writeFileSync(path.join(dir, 'pages', 'Broken.tsx'), `export function Broken() {
  return (
    <section className="broken">
      <button data-testid="still-here">Still here</button>
      <div className="unclosed">
  );
}}
`);
    fs.symlinkSync(path.join(dir, 'does-not-exist.tsx'), path.join(dir, 'pages', 'Dangling.tsx'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'lib', 'Vendor.tsx'), 'export const V = () => <div className="vendor" />;');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes the rest of the app and what parses in the broken file', () => {
    const index = indexSources(dir);
    assert.equal(index.files, 11);
    const hit = mapElementToSource(domElement({ tag: 'button', text: 'Still here', attrs: { 'data-testid': 'still-here' } }), index)[0];
    assert.deepEqual([hit.file, hit.line], ['pages/Broken.tsx', 4]);
    assert.ok(index.elements.some((e) => e.file === 'pages/Cart.tsx'));
  });

  it('reports an unreadable file instead of throwing, and skips node_modules', () => {
    const index = indexSources(dir);
    assert.equal(index.problems?.length, 1);
    assert.equal(index.problems?.[0].file, 'pages/Dangling.tsx');
    assert.match(index.problems?.[0].message ?? '', /unreadable/);
    assert.ok(!index.elements.some((e) => e.file.startsWith('node_modules')));
  });

  it('skips and reports files above maxFileBytes', () => {
    const index = indexSources(dir, { maxFileBytes: 600 });
    assert.ok(index.problems?.some((p) => p.file === 'pages/Checkout.tsx' && /maxFileBytes/.test(p.message)));
  });
});
