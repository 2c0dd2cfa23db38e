// The committed corpus loads completely and its ground truth agrees with the recorded events.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readSessions } from '../../analyzer/sources/files';
import type { ReadIssue } from '../../analyzer/sources/files/types';
import { buildSession, descriptorMatches, parseGoal } from '../../analyzer/replay';
import type { Session } from '../../analyzer/replay/types';
import { loadGroundTruth, type TruthSession } from '../../analyzer/evaluation/ground-truth';

const corpus = path.resolve(__dirname, '..', '..', 'examples', 'shop', 'corpus');
const CLICK_KINDS = new Set(['rage_click', 'dead_click', 'error_click', 'hesitation']);

describe('example corpus', function () {
  this.timeout(300_000);
  const sessions = new Map<string, Session>();
  const issues: ReadIssue[] = [];
  const truth = loadGroundTruth(path.join(corpus, 'ground-truth.json'));

  before(async () => {
    for await (const raw of readSessions([corpus], { onIssue: (i) => issues.push(i) })) {
      sessions.set(raw.id, buildSession(raw, parseGoal(truth.goal)));
    }
  });

  it('holds at least 300 sessions, all readable, well under 30 MB', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz'));
    const bytes = files.reduce((n, f) => n + statSync(path.join(corpus, f)).size, 0);
    assert.ok(files.length >= 300, `${files.length} files`);
    assert.equal(sessions.size, files.length);
    assert.deepEqual(issues, []);
    assert.ok(bytes < 30 * 1024 * 1024, `${(bytes / 1e6).toFixed(1)} MB`);
    assert.equal(truth.sessions.length, files.length);
  });

  it('has every persona and both outcomes', () => {
    const personas = new Set(truth.sessions.map((s) => s.persona));
    assert.deepEqual([...personas].sort(), ['browser', 'buyer', 'careful', 'impatient', 'lost']);
    const converted = truth.sessions.filter((s) => s.converted).length;
    assert.ok(converted > 50 && converted < truth.sessions.length - 50, `${converted} converted`);
  });

  it('agrees with the events: outcome, drop-off page, and an interaction on the named element at each click-based truth', () => {
    const check = (t: TruthSession) => {
      const session = sessions.get(t.id);
      assert.ok(session, `${t.id} missing`);
      assert.equal(session.outcome.converted, t.converted, `${t.id} outcome`);
      if (!t.converted) assert.equal(session.pages[session.pages.length - 1].route.replace(/^\/product\/[^/]+$/, '/product/:id'), t.dropOffRoute, `${t.id} drop-off page`);
      for (const o of t.occurrences) {
        // A typing action is logged when the persona finishes it, one keystroke pause (< 500 ms) after its last key.
        assert.ok(o.t >= session.start - 1 && o.t <= session.end + 500, `${t.id} ${o.kind} at ${o.t} outside the recording`);
        if (!CLICK_KINDS.has(o.kind) || !o.selector) continue;
        const hit = session.interactions.some((i) => (i.kind === 'click' || i.kind === 'focus') && Math.abs(i.timestamp - o.t) <= 200 && i.element && descriptorMatches(i.element, o.selector!));
        assert.ok(hit, `${t.id}: no click on ${o.selector} near ${o.kind} at ${o.t - t.start} ms`);
      }
    };
    truth.sessions.forEach(check);
  });

  it('records every planted friction many times', () => {
    const counts = new Map<string, number>();
    for (const s of truth.sessions) for (const o of s.occurrences) if (o.frictionId) counts.set(o.frictionId, (counts.get(o.frictionId) ?? 0) + 1);
    for (const id of ['returns-badge-dead', 'pay-no-pending', 'coupon-throws', 'tax-ref-confusing', 'size-guide-dead-end', 'add-to-cart-below-fold']) {
      assert.ok((counts.get(id) ?? 0) >= 10, `${id}: ${counts.get(id) ?? 0} occurrences`);
    }
  });
});
