// The Synthetic runs view's data: run files in .friction/runs/ summarised by name, date and success rate, newest
// first; an unreadable file is listed with its problem, and no folder means no runs (the view's welcome text).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { baseId } from '../../analyzer/sources/files/walk-paths';
import { listRunRecordings, listRuns, recordingPathOf, runContextOf, RUNS_DIR } from '../../extension/run-files';

describe('extension: synthetic run files', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'friction-runs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists nothing without a runs folder', async () => {
    assert.deepEqual(await listRuns(root), []);
  });

  it('summarises each run newest first, with the success rate when the file states one', async () => {
    const dir = path.join(root, RUNS_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'checkout-1.json'), JSON.stringify({ flow: { name: 'checkout' }, startedAt: '2026-11-20T10:00:00Z', summary: { successRate: 0.8 } }));
    writeFileSync(path.join(dir, 'browse.json'), JSON.stringify({ name: 'browse', finishedAt: '2026-11-24T10:00:00Z' }));
    writeFileSync(path.join(dir, 'broken.json'), '{"name": ');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a run');
    const runs = await listRuns(root);
    const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
    assert.deepEqual(Object.keys(byName).sort(), ['broken', 'browse', 'checkout']);
    assert.equal(byName.checkout.successRate, 0.8);
    assert.equal(byName.checkout.date.toISOString(), '2026-11-20T10:00:00.000Z');
    assert.equal(byName.browse.successRate, undefined);
    assert.match(byName.broken.problem ?? '', /JSON/);
    assert.ok(runs.indexOf(byName.browse) < runs.indexOf(byName.checkout), 'newest first');
  });

  it("lists the folders friction simulate writes by their report.json, and skips folders without one", async () => {
    const dir = path.join(root, RUNS_DIR);
    mkdirSync(path.join(dir, 'checkout-20261126T0700', 'recordings'), { recursive: true });
    mkdirSync(path.join(dir, 'half-written'), { recursive: true });
    writeFileSync(
      path.join(dir, 'checkout-20261126T0700', 'report.json'),
      JSON.stringify({ version: 1, flow: 'checkout', generatedAt: '2026-11-26T07:00:00Z', summary: { runs: 20, successes: 9, successRate: 0.45 } }),
    );
    const runs = await listRuns(root);
    assert.equal(runs.length, 1);
    assert.equal(runs[0].name, 'checkout');
    assert.equal(runs[0].successRate, 0.45);
    assert.equal(runs[0].file, path.join(dir, 'checkout-20261126T0700', 'report.json'));
  });

  it("lists a simulation's synthetic users with their recordings, never outside the runs folder", async () => {
    const folder = path.join(root, RUNS_DIR, 'checkout-20261126T0700');
    mkdirSync(path.join(folder, 'recordings'), { recursive: true });
    const report = path.join(folder, 'report.json');
    writeFileSync(
      report,
      JSON.stringify({
        flow: 'checkout',
        runs: [
          { id: 'run-001', persona: 'buyer', outcome: 'success', recording: 'recordings/run-001.json.gz' },
          { id: 'run-002', persona: 'impatient', outcome: 'left', recording: 'recordings/run-002.json.gz' },
          { id: 'evil', outcome: 'left', recording: '../../../../etc/passwd.json' },
          { id: 'no-recording' },
        ],
      }),
    );
    const runs = await listRunRecordings(root, report);
    assert.deepEqual(
      runs.map((r) => [r.recordingId, r.label]),
      [
        ['checkout-20261126T0700/recordings/run-001.json.gz', 'run-001 · buyer · success'],
        ['checkout-20261126T0700/recordings/run-002.json.gz', 'run-002 · impatient · left'],
      ],
    );
    assert.equal(recordingPathOf(root, runs[0].recordingId), path.join(folder, 'recordings', 'run-001.json.gz'));
    assert.equal(recordingPathOf(root, '../secrets.json'), undefined);
    assert.equal(recordingPathOf(root, 'checkout/report.html'), undefined);
    assert.equal(baseId(path.join(folder, 'recordings', 'run-001.json.gz')), 'run-001');
    assert.deepEqual(await listRunRecordings(root, path.join(folder, 'missing.json')), []);
  });

  it("gives a run its simulation's funnel and its own screenshots, never files outside the simulation folder", async () => {
    const folder = path.join(root, RUNS_DIR, 'checkout-1');
    mkdirSync(path.join(folder, 'recordings'), { recursive: true });
    const steps = (...routes: string[]) => routes.map((route) => ({ route }));
    writeFileSync(
      path.join(folder, 'report.json'),
      JSON.stringify({
        flow: 'checkout',
        runs: [
          { id: 's1', outcome: 'success', steps: steps('/', '/product/:id', '/cart', '/cart'), recording: 'recordings/s1.json.gz', screenshots: ['screenshots/s1-01-start.jpg', 'screenshots/s1-02-page.jpg', '../../../etc/x.png', 'notes.txt'] },
          { id: 's2', outcome: 'left', steps: steps('/', '/product/:id'), recording: 'recordings/s2.json.gz', screenshots: [] },
          { id: 's3', outcome: 'left', steps: steps('/'), recording: 'recordings/s3.json.gz' },
        ],
      }),
    );
    const context = await runContextOf(path.join(folder, 'recordings', 's1.json.gz'));
    assert.ok(context);
    assert.equal(context.flow, 'checkout');
    assert.deepEqual(context.funnel, [
      { route: '/', sessions: 3, dropOffs: 1 },
      { route: '/product/:id', sessions: 2, dropOffs: 1 },
      { route: '/cart', sessions: 1, dropOffs: 0 },
      { route: 'goal reached', sessions: 1, dropOffs: 0, goal: true },
    ]);
    assert.deepEqual(context.screenshots, [
      { label: 's1-01-start', file: path.join(folder, 'screenshots', 's1-01-start.jpg') },
      { label: 's1-02-page', file: path.join(folder, 'screenshots', 's1-02-page.jpg') },
    ]);
    assert.equal(await runContextOf(path.join(root, 'elsewhere', 'recordings', 'x.json.gz')), undefined);
  });
});
