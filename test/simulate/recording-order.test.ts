// The order a run's recording is written in: by time, and at equal times the earlier document first. The virtual
// clock stands still across a navigation, and the old page's last batch (sent at pagehide) can reach Node after the
// new page's snapshot; replayed in arrival order, its mutations would land on the new page's DOM.
import assert from 'node:assert/strict';
import { sortRecorded, type RecordedEvent } from '../../analyzer/simulate/rrweb-injection';

const event = (type: number, timestamp: number, note: string): RecordedEvent => ({ type, timestamp, data: { note }, windowId: 'window-1' });

describe('recording order', () => {
  it("puts a left page's late batch before the next page's snapshot at the same virtual time", () => {
    const T = 1_800_000_000_000;
    // Arrival order: old page (document 0), the new page's Meta + FullSnapshot (document 1), then the old page's
    // pagehide batch, stamped at the same frozen time.
    const events = [event(3, T - 500, 'old click'), event(4, T, 'new meta'), event(2, T, 'new snapshot'), event(3, T, 'old mutation at pagehide'), event(3, T + 100, 'new scroll')];
    const documentOf = [0, 1, 1, 0, 1];
    assert.deepEqual(
      sortRecorded(events, documentOf).map((e) => e.data.note),
      ['old click', 'old mutation at pagehide', 'new meta', 'new snapshot', 'new scroll'],
    );
  });

  it('keeps arrival order within a document and sorts by time first', () => {
    const events = [event(3, 20, 'b'), event(3, 10, 'a'), event(3, 20, 'c'), event(3, 15, 'x')];
    assert.deepEqual(sortRecorded(events, [0, 0, 0, 1]).map((e) => e.data.note), ['a', 'x', 'b', 'c']);
  });
});
