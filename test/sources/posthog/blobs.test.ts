// blob_v2 planning and parsing: only blob_v2 keys, ranges of at most 20, and no half-parsed range.
import assert from 'node:assert/strict';
import { blobV2Keys, parseBlobJsonl, planBlobRanges } from '../../../analyzer/sources/posthog/blobs';
import { CorruptBlobError } from '../../../analyzer/sources/posthog/errors';

const keys = (n: number) => [...Array(n)].map((_, i) => String(i));

describe('PostHog blob_v2 blocks', () => {
  it('uses only blob_v2 sources when there are any, keys in numeric order', () => {
    const sources = [
      { source: 'blob', blob_key: '1700000000-1700000100' },
      { source: 'blob_v2', blob_key: '10' },
      { source: 'blob_v2', blob_key: '9' },
      { source: 'realtime' },
      { source: 'blob_v2', blob_key: '9' },
    ];
    assert.deepEqual(blobV2Keys(sources), ['9', '10']);
    assert.equal(blobV2Keys([{ source: 'blob', blob_key: 'x' }, { source: 'realtime' }]), undefined);
  });

  it('plans ranges of at most 20 keys, splitting at gaps', () => {
    assert.deepEqual(planBlobRanges(keys(45)).map((r) => [r.start, r.end, r.keys]), [['0', '19', 20], ['20', '39', 20], ['40', '44', 5]]);
    assert.deepEqual(planBlobRanges(keys(20)).map((r) => [r.start, r.end]), [['0', '19']]);
    assert.deepEqual(planBlobRanges(['0', '1', '3', '4']).map((r) => [r.start, r.end]), [['0', '1'], ['3', '4']]);
    assert.deepEqual(planBlobRanges(['a', 'b']).map((r) => [r.start, r.end]), [['a', 'a'], ['b', 'b']]);
    for (const n of [1, 19, 20, 21, 40, 41, 200]) {
      const ranges = planBlobRanges(keys(n));
      assert.ok(ranges.every((r) => Number(r.end) - Number(r.start) < 20));
      assert.equal(ranges.reduce((s, r) => s + r.keys, 0), n);
    }
  });

  it('parses [windowId, event] lines and the older {windowId, data} lines; blank lines are fine', () => {
    const text = ['["w1",{"type":4,"timestamp":1,"data":{}}]', '', '{"windowId":"w2","data":[{"type":3,"timestamp":2,"data":{}},{"type":3,"timestamp":3,"data":{}}]}', ''].join('\n');
    assert.deepEqual(parseBlobJsonl(text).map(([w, e]) => [w, e.timestamp]), [['w1', 1], ['w2', 2], ['w2', 3]]);
  });

  it('rejects a range with a cut or foreign line as a whole', () => {
    const good = '["w",{"type":4,"timestamp":1,"data":{}}]';
    assert.throws(() => parseBlobJsonl(`${good}\n["w",{"type":3,"timest`), (e: Error) => e instanceof CorruptBlobError && /line 2 is not JSON .*cut short/.test(e.message));
    assert.throws(() => parseBlobJsonl(`${good}\n{"hello":1}\n${good}`), /line 2 is not \["windowId", event\]/);
    assert.throws(() => parseBlobJsonl(`["w",{"type":"x","timestamp":1}]`), CorruptBlobError);
  });
});
