// The posthog-js corpus (examples/shop/corpus-posthog, `npm run record -- --sdk posthog --routing spa ...`) holds
// what PostHog stores for a single-page app recorded by the real SDK: blob_v2 JSONL per session with posthog-js'
// compressed payloads, SPA navigations only as custom events. The analyzer must read all of it and find the
// frictions its ground truth lists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { analyzeFiles, type AnalysisResult } from '../../analyzer/pipeline/analyze';
import { loadGroundTruth, type GroundTruth } from '../../analyzer/evaluation/ground-truth';
import { scoreSignals } from '../../analyzer/evaluation/signal-accuracy';
import { buildSession, parseGoal } from '../../analyzer/replay';
import type { Session } from '../../analyzer/replay/types';
import { readSessions } from '../../analyzer/sources/files';
import type { RawSession, ReadIssue } from '../../analyzer/sources/files/types';
import { SIGNAL_KINDS } from '../../analyzer/signals/types';

const CORPUS = path.join(__dirname, '../../examples/shop/corpus-posthog');
const GOAL = '/checkout/confirmation';
const SHOP_ROUTES = new Set(['/', '/product/:id', '/size-guide', '/cart', '/checkout/shipping', '/checkout/payment', '/checkout/confirmation']);
const META = 4;
const FULL_SNAPSHOT = 2;

describe('posthog-js corpus (SPA, recorded by the real SDK)', function () {
  this.timeout(120_000);
  let truth: GroundTruth;
  let result: AnalysisResult;
  const issues: ReadIssue[] = [];
  const raws: RawSession[] = [];
  const sessions: Session[] = [];

  before(async () => {
    truth = loadGroundTruth(path.join(CORPUS, 'ground-truth.json'));
    result = await analyzeFiles([CORPUS], { goal: parseGoal(GOAL), goalText: GOAL, routes: ['/product/:id'], onIssue: (i) => issues.push(i) });
    for await (const raw of readSessions([CORPUS])) {
      raws.push(raw);
      sessions.push(buildSession(raw, parseGoal(GOAL)));
    }
  });

  it('reads every session of the ground truth with no skipped issue', () => {
    // posthog-events.ndjson.gz (the SDK's analytics events) sits beside the recordings; the readers skip it.
    assert.deepEqual(issues, []);
    assert.ok(truth.sessions.length >= 30, `only ${truth.sessions.length} sessions`);
    assert.deepEqual(result.sessions.map((s) => s.id).sort(), truth.sessions.map((s) => s.id).sort());
  });

  it('stores the payloads compressed as posthog-js sent them', () => {
    const file = path.join(CORPUS, truth.sessions[0].file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as [string, { type: number; cv?: string; data: unknown }]);
    const snapshot = lines.find(([, e]) => e.type === FULL_SNAPSHOT);
    assert.equal(snapshot?.[1].cv, '2024-10');
    assert.equal(typeof snapshot?.[1].data, 'string');
  });

  it('decompresses every FullSnapshot: real routes and clicks with element descriptors', () => {
    for (const [i, raw] of raws.entries()) {
      const snapshots = raw.events.filter((e) => e.type === FULL_SNAPSHOT);
      assert.ok(snapshots.length > 0 && snapshots.every((e) => typeof e.data.node === 'object'), `${raw.id}: FullSnapshot not decompressed`);
      const session = sessions[i];
      assert.equal(session.anomalies.count, 0, `${raw.id}: ${session.anomalies.examples.join('; ')}`);
      for (const page of session.pages) assert.ok(SHOP_ROUTES.has(page.path.startsWith('/product/') ? '/product/:id' : page.path), `${raw.id}: page ${page.path}`);
      const clicks = session.interactions.filter((x) => x.kind === 'click');
      assert.ok(clicks.length > 0, `${raw.id}: no clicks`);
      for (const click of clicks) assert.ok(click.element?.selector, `${raw.id}: click at ${click.timestamp} has no element`);
    }
  });

  it('opens a page per SPA navigation from posthog-js custom events, with one page load per session', () => {
    for (const [i, raw] of raws.entries()) {
      assert.equal(raw.events.filter((e) => e.type === META).length, 1, `${raw.id}: SPA sessions load one document`);
      // Every persona opens a product from the catalogue, so at least two pages.
      assert.ok(sessions[i].pages.length >= 2, `${raw.id}: ${sessions[i].pages.length} page(s)`);
    }
    const pages = sessions.reduce((n, s) => n + s.pages.length, 0);
    assert.ok(pages / sessions.length >= 3, `${(pages / sessions.length).toFixed(1)} pages per session`);
  });

  it('finds the converted sessions of the ground truth', () => {
    const converted = new Map(result.sessions.map((s) => [s.id, s.converted]));
    for (const s of truth.sessions) assert.equal(converted.get(s.id), s.converted, `${s.id} (${s.persona})`);
  });

  it('detects the ground-truth frictions: precision and recall >= 0.9 for kinds seen 5+ times', () => {
    const scores = scoreSignals(truth.sessions, result.signals, SIGNAL_KINDS);
    console.log('      kind              truth  found  match  precision  recall');
    for (const s of scores) {
      console.log(`      ${s.kind.padEnd(17)} ${String(s.truth).padStart(5)}  ${String(s.detected).padStart(5)}  ${String(s.matched).padStart(5)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}`);
    }
    for (const s of scores.filter((k) => k.truth >= 5)) {
      assert.ok(s.precision >= 0.9, `${s.kind} precision ${s.precision.toFixed(2)}`);
      assert.ok(s.recall >= 0.9, `${s.kind} recall ${s.recall.toFixed(2)}`);
    }
  });
});
