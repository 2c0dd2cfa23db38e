// The recorder drives real Chromium through the shop and must produce valid rrweb streams in virtual time.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, RECORDING_CHROMIUM_PATH } from '../../analyzer/simulate/chromium';
import { startShopServer, type ShopServer } from '../../examples/shop/server/server';
import { recordSession, type RecordedSession } from '../../scripts/recorder/record-session';
import { buildSession, parseGoal } from '../../analyzer/replay';
import { posthogExport } from '../../scripts/recorder/corpus-files';
import { sessionSpecs } from '../../scripts/record-corpus';
import { loadGroundTruth } from '../../analyzer/evaluation/ground-truth';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Every event except DOM mutations, as "time type:source": what the persona's input and the virtual clock decide.
 * Mutation batching is left out: React schedules some renders through MessageChannel, which the fake clock does
 * not control, so two state updates may commit as one mutation or two depending on real-time load.
 */
function userEvents(events: { type: number; timestamp: number; data: { source?: number } }[]): string[] {
  return events.filter((e) => !(e.type === 3 && e.data.source === 0)).map((e) => `${e.timestamp} ${e.type}:${e.data.source ?? ''}`);
}

describe('recorder: personas in real Chromium, recorded with rrweb in virtual time', function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: ShopServer;
  let buyer: RecordedSession;
  const start = Date.UTC(2026, 9, 5, 12, 0, 0);

  before(async () => {
    server = await startShopServer({ variant: 'friction', routing: 'mpa' });
    browser = await launchChromium({ executablePath: RECORDING_CHROMIUM_PATH });
    buyer = await recordSession(browser, server.url, { id: 'test-buyer', seed: 4242, persona: 'impatient', startTime: start });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('writes a valid rrweb stream: every page opens with Meta then FullSnapshot, timestamps in order', () => {
    const events = buyer.events;
    assert.ok(events.length > 100, `only ${events.length} events`);
    for (let i = 1; i < events.length; i++) assert.ok(events[i].timestamp >= events[i - 1].timestamp, 'sorted by time');
    const metas = events.map((e, i) => [e, i] as const).filter(([e]) => e.type === 4);
    assert.ok(metas.length >= 5, 'an MPA checkout loads at least five pages');
    for (const [meta, i] of metas) {
      assert.match(meta.data.href, /^http:\/\/127\.0\.0\.1:\d+\//);
      const snapshot = events.slice(i + 1).find((e) => e.type === 2);
      assert.ok(snapshot && snapshot.data.node.type === 0, 'a FullSnapshot of the document follows each Meta');
    }
    const sources = new Set(events.filter((e) => e.type === 3).map((e) => e.data.source));
    for (const source of [0, 1, 2, 3, 5]) assert.ok(sources.has(source), `incremental source ${source} recorded`);
  });

  it('keeps rrweb on the virtual clock: the session spans minutes of page time, recorded in seconds', () => {
    assert.ok(buyer.events[0].timestamp >= start && buyer.events[0].timestamp < start + 2000, 'starts at the virtual start');
    const span = buyer.end - buyer.events[0].timestamp;
    assert.ok(span > 20_000 && span < 600_000, `virtual span ${span} ms`);
  });

  it('masks what users type: input events carry only asterisks', () => {
    const inputs = buyer.events.filter((e) => e.type === 3 && e.data.source === 5 && typeof e.data.text === 'string');
    assert.ok(inputs.length > 10);
    for (const input of inputs) assert.match(input.data.text, /^\**$/);
  });

  it('replays into the session the persona lived: converted, rage clicks on Pay in the ground truth', () => {
    const session = buildSession({ id: buyer.id, origin: 'memory', events: posthogExport(buyer) && buyer.events }, parseGoal('/checkout/confirmation'));
    assert.equal(session.outcome.converted, buyer.truth.converted);
    assert.equal(session.anomalies.count, 0);
    const paths = session.pages.map((p) => p.path);
    assert.equal(paths[0], '/');
    if (buyer.truth.converted) assert.equal(paths[paths.length - 1], '/checkout/confirmation');
    const rage = buyer.truth.occurrences.filter((o) => o.kind === 'rage_click');
    if (buyer.truth.converted) {
      assert.equal(rage.length, 1, 'the impatient persona rages at Pay');
      assert.equal(rage[0].frictionId, 'pay-no-pending');
    }
    for (const o of buyer.truth.occurrences) assert.ok(o.t >= buyer.start && o.t <= buyer.end, `${o.kind} inside the session`);
  });

  it('reproduces the first session of the committed corpus from the corpus seed', async () => {
    const corpus = path.resolve(__dirname, '..', '..', 'examples', 'shop', 'corpus');
    const truth = loadGroundTruth(path.join(corpus, 'ground-truth.json'));
    const spec = sessionSpecs(1, truth.seed)[0];
    const committed = truth.sessions.find((s) => s.id === spec.id)!;
    const again = await recordSession(browser, server.url, spec);
    assert.equal(again.persona, committed.persona);
    assert.equal(again.start, committed.start);
    assert.equal(again.end, committed.end);
    assert.deepEqual(again.truth.occurrences, committed.occurrences);
    const file = JSON.parse(gunzipSync(readFileSync(path.join(corpus, committed.file))).toString('utf8'));
    assert.deepEqual(userEvents(again.events), userEvents(file.data.snapshots));
  });

  it('is reproducible from the seed: same persona, same actions, same timestamps', async () => {
    const again = await recordSession(browser, server.url, { id: 'test-buyer', seed: 4242, persona: 'impatient', startTime: start });
    assert.deepEqual(again.actions.map((a) => [a.kind, a.t, a.selector]), buyer.actions.map((a) => [a.kind, a.t, a.selector]));
    assert.deepEqual(again.truth, buyer.truth);
    assert.deepEqual(userEvents(again.events), userEvents(buyer.events));
  });
});
