import assert from 'node:assert/strict';
import { buildSession, type ReplayEvent } from '../../analyzer/replay';
import type { Session } from '../../analyzer/replay/types';
import { detectSignals } from '../../analyzer/signals';
import { SIGNAL_KINDS, type Signal } from '../../analyzer/signals/types';
import type { RawSession } from '../../analyzer/sources/files/types';
import {
  funnelRoutesOf,
  learnFunnel,
  SESSION_BEHAVIOUR_FIELDS,
  SESSION_FEATURE_NAMES,
  sessionBehaviour,
  sessionFeatureVector,
  type SessionBehaviourOptions,
} from '../../analyzer/features/session-features';
import { signalCountsBefore } from '../../analyzer/features/outcome-rows';
import { FOLD, GOAL, loadRaw } from './corpus-sessions';

/** Activity after the conversion: on the goal page (ids from its snapshot), then on another page. */
function afterlife(raw: RawSession, at: number): ReplayEvent[] {
  const windowId = raw.events[raw.events.length - 1].windowId;
  const goalSnapshot = [...raw.events].reverse().find((e) => e.type === 2)!;
  const ids: number[] = [];
  const walk = (node: { id: number; type: number; childNodes?: unknown[] }) => {
    if (node.type === 2) ids.push(node.id);
    for (const child of node.childNodes ?? []) walk(child as typeof node);
  };
  walk(goalSnapshot.data.node);
  const target = ids[ids.length - 1];
  const event = (t: number, type: number, data: object): ReplayEvent => ({ type, timestamp: at + t, data, windowId });
  return [
    event(300, 3, { source: 1, positions: [{ x: 10, y: 10, timeOffset: -100 }, { x: 400, y: 300, timeOffset: 0 }] }),
    event(500, 3, { source: 2, type: 1, id: target, x: 400, y: 300 }),
    event(520, 3, { source: 2, type: 0, id: target, x: 400, y: 300 }),
    event(540, 3, { source: 2, type: 2, id: target, x: 400, y: 300 }),
    event(900, 3, { source: 5, id: target, text: 'abc', isChecked: false }),
    event(950, 3, { source: 5, id: target, text: 'a', isChecked: false }),
    event(1000, 3, { source: 3, id: goalSnapshot.data.node.id, x: 0, y: 2400 }),
    event(1200, 6, { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"Uncaught Error: after"'], trace: [] } }),
    event(60_000, 4, { href: 'https://shop.test/account', width: 1280, height: 800 }),
    event(60_001, 2, { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: [{ type: 2, id: 4, tagName: 'button', attributes: {}, childNodes: [] }] }] }] }, initialOffset: { top: 0, left: 0 } }),
    event(65_000, 3, { source: 2, type: 2, id: 4, x: 5, y: 5 }),
  ];
}

describe('session features (session-outcome model)', function () {
  this.timeout(30_000);
  let raws: RawSession[];
  let sessions: Session[];
  let signals: Map<string, Signal[]>;

  before(async () => {
    raws = await loadRaw(30);
    sessions = raws.map((raw) => buildSession(raw, GOAL));
    signals = new Map(sessions.map((s) => [s.id, detectSignals(s)]));
  });

  it('names every column: behaviour fields, then signal kinds without drop_off', () => {
    const vector = sessionFeatureVector(sessionBehaviour(sessions[0]), {});
    assert.equal(vector.length, SESSION_FEATURE_NAMES.length);
    assert.equal(SESSION_FEATURE_NAMES.length, SESSION_BEHAVIOUR_FIELDS.length + SIGNAL_KINDS.length - 1);
    assert.ok(!SESSION_FEATURE_NAMES.some((n) => n.includes('drop_off')));
    assert.equal(new Set(SESSION_FEATURE_NAMES).size, SESSION_FEATURE_NAMES.length);
    assert.deepEqual(Object.keys(sessionBehaviour(sessions[0])).sort(), [...SESSION_BEHAVIOUR_FIELDS].sort());
  });

  it('gives finite numbers only, and a plain structured-cloneable behaviour, on real sessions', () => {
    for (const session of sessions) {
      const behaviour = sessionBehaviour(session, { foldRoute: FOLD });
      for (const [field, value] of Object.entries(behaviour)) assert.ok(typeof value === 'number' && Number.isFinite(value) && value >= 0, `${session.id} ${field}=${value}`);
      assert.deepEqual(structuredClone(behaviour), behaviour);
      const vector = sessionFeatureVector(behaviour, signalCountsBefore(signals.get(session.id)!, session));
      vector.forEach((v, i) => assert.ok(Number.isFinite(v), `${session.id} ${SESSION_FEATURE_NAMES[i]}=${v}`));
    }
    const some = sessionBehaviour(sessions.find((s) => s.interactions.some((i) => i.kind === 'click'))!);
    assert.ok(some.clicks > 0 && some.pages > 0 && some.durationS > 0 && some.distinctRoutes > 0);
  });

  it('is blind to everything from the conversion on: events after convertedAt, dropped or added, change nothing', () => {
    const converting = raws.filter((_, i) => sessions[i].outcome.converted);
    assert.ok(converting.length >= 3, `only ${converting.length} converting sessions`);
    const funnel = learnFunnel(sessions.map((s) => ({ converted: s.outcome.converted, routes: funnelRoutesOf(s, FOLD) })));
    const variants: SessionBehaviourOptions[] = [{}, { foldRoute: FOLD }, { foldRoute: FOLD, funnel }];
    for (const raw of converting) {
      const full = buildSession(raw, GOAL);
      const convertedAt = full.outcome.convertedAt!;
      // The corpus' recordings stop on the goal page: also append a busy afterlife (clicks, typing, errors,
      // scrolling, mouse moves, another page) and check that it is invisible too.
      const cut = buildSession({ ...raw, events: raw.events.filter((e) => e.timestamp <= convertedAt) }, GOAL);
      const extended = buildSession({ ...raw, events: [...raw.events, ...afterlife(raw, convertedAt)] }, GOAL);
      assert.equal(cut.outcome.convertedAt, convertedAt, `${raw.id}: truncation keeps the conversion`);
      assert.equal(extended.outcome.convertedAt, convertedAt);
      assert.ok(extended.end > full.end && extended.errors.length > full.errors.length && extended.pages.length > full.pages.length);
      assert.ok(extended.interactions.filter((i) => i.kind === 'click').length > full.interactions.filter((i) => i.kind === 'click').length);
      for (const options of variants) {
        const expected = sessionBehaviour(full, options);
        assert.deepEqual(sessionBehaviour(cut, options), expected, `${raw.id} truncated`);
        assert.deepEqual(sessionBehaviour(extended, options), expected, `${raw.id} extended`);
      }
      const counts = signalCountsBefore(signals.get(raw.id)!, full);
      assert.deepEqual(sessionFeatureVector(sessionBehaviour(extended), counts), sessionFeatureVector(sessionBehaviour(full), counts));
    }
  });

  it('excludes the goal page and never counts the goal step in the funnel', () => {
    const goalRoute = '/checkout/confirmation';
    const funnel = learnFunnel(sessions.map((s) => ({ converted: s.outcome.converted, routes: funnelRoutesOf(s, FOLD) })));
    assert.equal(funnel[0], '/', `funnel ${funnel.join(' > ')}`);
    assert.ok(!funnel.includes(goalRoute));
    assert.ok(funnel.indexOf('/cart') < funnel.indexOf('/checkout/payment'), funnel.join(' > '));
    for (const session of sessions.filter((s) => s.outcome.converted)) {
      assert.ok(!funnelRoutesOf(session, FOLD).includes(goalRoute));
      const behaviour = sessionBehaviour(session, { foldRoute: FOLD, funnel });
      assert.ok(behaviour.funnelDepth <= funnel.length);
      assert.equal(behaviour.pages, session.pages.filter((p) => p.start < session.outcome.convertedAt!).length);
      // Generic depth: distinct routes reached going forward, goal excluded.
      assert.ok(sessionBehaviour(session, { foldRoute: FOLD }).funnelDepth <= new Set(session.pages.map((p) => FOLD(p.route))).size - 1);
    }
  });

  it('takes signal counts only from its argument, and never drop_off', () => {
    const session = sessions.find((s) => (signals.get(s.id) ?? []).length > 0) ?? sessions[0];
    const behaviour = sessionBehaviour(session);
    const width = SESSION_BEHAVIOUR_FIELDS.length;
    const none = sessionFeatureVector(behaviour, {});
    assert.ok(none.subarray(width).every((v) => v === 0), 'no signal counts without the argument');
    const some = sessionFeatureVector(behaviour, { rage_click: 3, dead_click: 1 });
    assert.deepEqual(some.subarray(0, width), none.subarray(0, width), 'behaviour part unchanged');
    assert.equal(some[SESSION_FEATURE_NAMES.indexOf('signal:rage_click')], Math.fround(Math.log1p(3)));
    assert.deepEqual(sessionFeatureVector(behaviour, { drop_off: 5 }), none, 'drop_off is ignored');
    // The counterfactual of the hotspot engineer: subtract one kind's signals, only that column moves.
    const without = sessionFeatureVector(behaviour, { rage_click: 0, dead_click: 1 });
    SESSION_FEATURE_NAMES.forEach((name, i) => {
      if (name !== 'signal:rage_click') assert.equal(without[i], some[i], name);
    });
  });

  it('counts only signals before the conversion, drop_off never', () => {
    const session = sessions.find((s) => s.outcome.converted)!;
    const at = session.outcome.convertedAt!;
    const fake = (kind: Signal['kind'], timestamp: number): Signal => ({ kind, sessionId: session.id, timestamp, page: '/', details: {} });
    const counts = signalCountsBefore([fake('rage_click', at - 1), fake('rage_click', at), fake('dead_click', at + 5), fake('drop_off', at - 10)], session);
    assert.deepEqual(counts, { rage_click: 1 });
  });
});
