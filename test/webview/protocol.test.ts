// The host <-> webview message contract: each side accepts the messages of the protocol and drops anything else.
import assert from 'node:assert/strict';
import { isHostMessage, isViewMessage, type HostMessage, type ViewMessage } from '../../webview/protocol';

const detail = {
  version: 1,
  id: 'shop-0024',
  origin: 'shop-0024.json.gz',
  context: 'corpus',
  start: 1000,
  end: 9000,
  windows: ['window-1'],
  events: [
    { type: 4, timestamp: 1000, data: { href: 'http://shop/', width: 1280, height: 800 }, windowId: 'window-1' },
    { type: 2, timestamp: 1000, data: { node: {} }, windowId: 'window-1' },
  ],
  pages: [{ route: '/', path: '/', windowId: 'window-1', start: 1000, end: 9000, navigation: 'load' }],
  signals: [{ kind: 'rage_click', timestamp: 5000, page: '/', hotspotId: 'rage_click:/:abc', details: { clicks: 4 } }],
  errors: [],
  outcome: { converted: false, lastPath: '/' },
};

const hostMessages: HostMessage[] = [
  { type: 'sessions', groups: [{ hotspotId: 'rage_click:/:abc', kind: 'rage_click', page: '/', element: 'Pay now', sessions: 3, score: 1.2, source: 'parts/PayButton.tsx:4', items: [{ sessionId: 'shop-0024', timestamp: 5000, outcome: { converted: true } }] }], runs: [{ runId: 'r1', label: 'r1', file: '.friction/runs/r1.json' }], funnel: [{ route: '/', sessions: 10, dropOffs: 2 }, { route: '/done', sessions: 4, dropOffs: 0, goal: true }], goal: '/done', totalSessions: 10 },
  { type: 'sessions', groups: [], runs: [], funnel: [], totalSessions: 0, notice: 'No analysis yet' },
  { type: 'loading', source: 'session', sessionId: 'shop-0024', message: 'reading: 12 sessions' },
  { type: 'session', source: 'session', detail: detail as never, sources: { 'rage_click:/:abc': { file: 'parts/PayButton.tsx', line: 4, column: 5, confidence: 0.98 } }, startAt: 5000, autoplay: true },
  {
    type: 'session',
    source: 'run',
    detail: detail as never,
    sources: {},
    run: { flow: 'checkout', funnel: [{ route: '/', sessions: 2, dropOffs: 1 }, { route: 'goal reached', sessions: 1, dropOffs: 0, goal: true }], screenshots: [{ label: 'checkout-s1-01-start', uri: 'https://file+.vscode-resource.vscode-cdn.net/ws/.friction/runs/c/screenshots/checkout-s1-01-start.jpg' }] },
  },
  { type: 'seek', sessionId: 'shop-0024', timestamp: 5000 },
  { type: 'error', message: 'Cannot load shop-0024', sessionId: 'shop-0024' },
];

const viewMessages: ViewMessage[] = [
  { type: 'ready' },
  { type: 'ready', restore: { source: 'session', sessionId: 'shop-0024', timestamp: 5000 } },
  { type: 'openSession', source: 'session', sessionId: 'shop-0024', timestamp: 5000 },
  { type: 'openSession', source: 'run', sessionId: 'checkout-run-1' },
  { type: 'jumpToSource', hotspotId: 'rage_click:/checkout/payment:8bfd840f' },
  { type: 'reportError', message: 'replay failed' },
];

describe('webview protocol', () => {
  it('accepts every message of the protocol, on the side that receives it only', () => {
    for (const message of hostMessages) {
      assert.ok(isHostMessage(message), `host message ${message.type}`);
      assert.ok(!isViewMessage(message), `${message.type} is not a view message`);
    }
    for (const message of viewMessages) {
      assert.ok(isViewMessage(message), `view message ${message.type}`);
      assert.ok(!isHostMessage(message), `${message.type} is not a host message`);
    }
  });

  it('rejects a run whose screenshots are not { label, uri }', () => {
    const run = { flow: 'checkout', funnel: [], screenshots: [{ label: 'x' }] };
    assert.ok(!isHostMessage({ type: 'session', source: 'run', detail, sources: {}, run }));
  });

  it('rejects values that are not messages', () => {
    for (const value of [undefined, null, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 42 }, { kind: 'ready' }]) {
      assert.ok(!isViewMessage(value), JSON.stringify(value));
      assert.ok(!isHostMessage(value), JSON.stringify(value));
    }
  });

  it('rejects unknown message types, including inherited property names', () => {
    assert.ok(!isViewMessage({ type: 'runShellCommand', command: 'rm -rf /' }));
    assert.ok(!isViewMessage({ type: 'toString' }));
    assert.ok(!isHostMessage({ type: 'constructor' }));
  });

  it('rejects view messages with missing, mistyped or unexpected fields', () => {
    const malformed: unknown[] = [
      { type: 'openSession', sessionId: 'shop-0024' },
      { type: 'openSession', source: 'session', sessionId: '' },
      { type: 'openSession', source: 'session', sessionId: '   ' },
      { type: 'openSession', source: 'session', sessionId: 24 },
      { type: 'openSession', source: 'posthog', sessionId: 'shop-0024' },
      { type: 'openSession', source: 'session', sessionId: 'shop-0024', timestamp: '5000' },
      { type: 'openSession', source: 'session', sessionId: 'shop-0024', timestamp: Number.NaN },
      { type: 'openSession', source: 'session', sessionId: 'shop-0024', file: '/etc/passwd' },
      { type: 'jumpToSource' },
      { type: 'jumpToSource', hotspotId: '' },
      { type: 'jumpToSource', hotspotId: 'x', file: '/etc/passwd', line: 1 },
      { type: 'reportError', message: { text: 'x' } },
      { type: 'ready', restore: { sessionId: 'shop-0024' } },
      { type: 'ready', extra: true },
    ];
    for (const message of malformed) assert.ok(!isViewMessage(message), JSON.stringify(message));
  });

  it('rejects host messages whose payload does not have the contract shape', () => {
    const malformed: unknown[] = [
      { type: 'sessions', groups: [], runs: [], funnel: [] },
      { type: 'sessions', groups: [{ hotspotId: 'x', kind: 'rage_click', page: '/', element: '', sessions: 1, score: 1, items: [{ sessionId: 'a' }] }], runs: [], funnel: [], totalSessions: 1 },
      { type: 'sessions', groups: 'none', runs: [], funnel: [], totalSessions: 0 },
      { type: 'session', source: 'session', detail: { ...detail, events: 'lots' }, sources: {} },
      { type: 'session', source: 'session', detail: { ...detail, events: [{ type: 2 }] }, sources: {} },
      { type: 'session', source: 'session', detail: { ...detail, id: '' }, sources: {} },
      { type: 'session', source: 'session', detail, sources: { x: { file: 'a.tsx', line: '4' } } },
      { type: 'session', source: 'session', detail, sources: {}, autoplay: 'yes' },
      { type: 'seek', sessionId: 'shop-0024' },
      { type: 'loading', source: 'session', sessionId: 'shop-0024' },
      { type: 'error' },
    ];
    for (const message of malformed) assert.ok(!isHostMessage(message), JSON.stringify(message).slice(0, 160));
  });
});
