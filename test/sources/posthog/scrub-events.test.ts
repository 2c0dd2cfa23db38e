// PII scrubbing of rrweb events before caching, on hand-made events and on real posthog-js (compressed) ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CompressedPayloadError } from '../../../analyzer/sources/files';
import { scrubEvent } from '../../../analyzer/sources/posthog/scrub-events';
import type { RrwebEventLike } from '../../../analyzer/sources/posthog/types';
import { posthogCompress } from '../fixtures';
import { corpusFiles, POSTHOG_JS_CORPUS_DIR } from './fake-posthog';

function snapshot(): RrwebEventLike {
  const text = (textContent: string, extra = {}) => ({ type: 3, id: 90, textContent, ...extra });
  const el = (tagName: string, attributes: Record<string, string>, childNodes: unknown[] = [], id = 1) => ({ type: 2, tagName, attributes, childNodes, id });
  const node = {
    type: 0,
    id: 0,
    childNodes: [
      el('html', {}, [
        el('style', {}, [text('.a { margin: 1000 2000 3000 4000; }', { isStyle: true })]),
        el('p', { title: 'mail jane@example.com' }, [text('Call 020 7946 0958 or mail jane@example.com')]),
        el('input', { type: 'text', value: 'Jane Doe' }),
        el('input', { type: 'submit', value: 'Pay now' }),
        el('input', { type: 'submit', name: 'cc-number', value: '4111111111111111' }),
        el('textarea', { value: 'my address' }),
        el('a', { href: 'mailto:jane@example.com' }, [text('Write to us')]),
      ]),
    ],
  };
  return { type: 2, timestamp: 1, data: { node, initialOffset: { top: 0, left: 0 } } };
}

const serialized = (v: unknown) => JSON.stringify(v);

describe('PostHog event scrubbing', () => {
  it('scrubs text nodes and readable attributes, masks typed values, keeps labels and stylesheets', () => {
    const input = snapshot();
    const before = serialized(input);
    const out = serialized(scrubEvent(input));
    assert.equal(serialized(input), before, 'the input event is not modified');
    assert.ok(!out.includes('jane@example.com') && !out.includes('7946'));
    assert.match(out, /"textContent":"Call \[phone\] or mail \[email\]"/);
    assert.match(out, /"title":"mail \[email\]"/);
    assert.match(out, /"href":"mailto:\[email\]"/);
    assert.match(out, /"type":"text","value":"\*{8}"/);
    assert.match(out, /"type":"submit","value":"Pay now"/);
    assert.match(out, /"name":"cc-number","value":"\*{16}"/, 'a sensitive field is masked whatever its type');
    assert.match(out, /"tagName":"textarea","attributes":\{"value":"\*{10}"\}/);
    assert.match(out, /margin: 1000 2000 3000 4000/);
  });

  it('scrubs mutations (texts, added nodes, changed attributes) and masks Input events to their length', () => {
    const mutation = scrubEvent({
      type: 3,
      timestamp: 2,
      data: {
        source: 0,
        texts: [{ id: 5, value: 'SSN 123-45-6789' }],
        adds: [{ parentId: 1, nextId: null, node: { type: 3, id: 6, textContent: 'card 4111 1111 1111 1111' } }],
        attributes: [{ id: 7, attributes: { value: 'jane@example.com', style: { color: 'red' } } }],
        removes: [],
      },
    });
    assert.deepEqual((mutation.data as { texts: unknown }).texts, [{ id: 5, value: 'SSN [ssn]' }]);
    assert.equal((mutation.data as { adds: { node: { textContent: string } }[] }).adds[0].node.textContent, 'card [card]');
    assert.deepEqual((mutation.data as { attributes: unknown }).attributes, [{ id: 7, attributes: { value: '[email]', style: { color: 'red' } } }]);
    const input = scrubEvent({ type: 3, timestamp: 3, data: { source: 5, text: 'hunter2', isChecked: false, id: 9 } });
    assert.deepEqual(input.data, { source: 5, text: '*******', isChecked: false, id: 9 });
  });

  it('decompresses posthog-js events before scrubbing them, and refuses what it cannot decode', () => {
    const compressed = { type: 2, timestamp: 1, cv: '2024-10', data: posthogCompress((snapshot().data as object)) };
    const out = scrubEvent(compressed);
    assert.equal(out.cv, undefined);
    assert.match(serialized(out), /Call \[phone\] or mail \[email\]/);
    assert.throws(() => scrubEvent({ ...compressed, data: 'not gzip' }), CompressedPayloadError);
  });

  it('handles a real posthog-js recording: every compressed event comes out plain', () => {
    const [file] = corpusFiles(POSTHOG_JS_CORPUS_DIR, '.jsonl.gz', 1);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as [string, RrwebEventLike]);
    const compressed = lines.filter(([, e]) => e.cv !== undefined);
    assert.ok(compressed.length > 10);
    for (const [, event] of compressed) {
      const out = scrubEvent(event);
      assert.equal(out.cv, undefined);
      if (out.type === 2) assert.equal(typeof out.data, 'object');
    }
  });
});
