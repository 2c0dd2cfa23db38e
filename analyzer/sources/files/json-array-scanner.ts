// Byte-level streaming scanner for one JSON document holding rrweb events: a root array of events, or a
// PostHog export whose events sit in data.snapshots or in each array of data.snapshotsByWindowId.
// Only the wrapper objects are tokenised; everything else is crossed by a tight loop that tracks
// string/escape state and a plain depth counter (no recursion, so 10k-deep DOM trees are fine).
// Complete elements found in one chunk are parsed with a single JSON.parse('[' + slice + ']'):
// far fewer calls and string allocations than one parse per event.

export interface ScanSink {
  /** When false (session cap reached) elements are only counted, never decoded. */
  readonly wantsValues: boolean;
  values(values: unknown[], firstIndex: number, windowId: string | undefined): void;
  skipped(count: number, firstIndex: number): void;
  invalid(index: number, byte: number, message: string): void;
}

export interface ScanResult {
  root: 'none' | 'array' | 'object' | 'other';
  /** Keys of a root object, in order: lets the caller spot NDJSON whose first line was too long to probe. */
  rootKeys: string[];
  eventArrays: number;
  elements: number;
  version?: unknown;
  sessionId?: unknown;
  /** Structural problem that stopped the scan (events before it were delivered). */
  error?: { byte: number; message: string };
  /** Byte where non-whitespace content followed the root value (scan stopped there). */
  trailing?: number;
}

// Scanner states.
const S_VALUE = 0; // expecting a value whose meaning is `this.role`
const S_OBJ_KEY = 1; // in a walked object: expecting a key or '}'
const S_KEY = 2; // inside a key string
const S_COLON = 3;
const S_OBJ_NEXT = 4; // in a walked object after a value: ',' or '}'
const S_ARR_ELEM = 5; // in an events array: expecting an element or ']'
const S_ARR_NEXT = 6; // in an events array after an element: ',' or ']'
const S_ELEM = 7; // inside a compound or string element
const S_ELEM_SCALAR = 8; // inside a number/literal element
const S_SKIP = 9; // inside a compound or string value we do not walk
const S_SKIP_SCALAR = 10;
const S_DONE = 11; // root value complete
const S_STOPPED = 12; // error or trailing content: ignore the rest

// What the value about to start means.
const R_ROOT = 0;
const R_DATA = 1; // export's "data" object
const R_WINDOWS = 2; // export v1 "snapshotsByWindowId" object
const R_EVENTS = 3; // an array of events
const R_VERSION = 4; // scalars we keep
const R_ID = 5;
const R_IGNORE = 6;

interface Frame {
  events: boolean;
  role: number;
  windowId: string | undefined;
}

/** Largest slice handed to one JSON.parse call (a bigger single element is still parsed whole). */
const BATCH_BYTES = 256 << 10;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isScalarEnd(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c);
}

export class JsonDocumentScanner {
  readonly result: ScanResult = { root: 'none', rootKeys: [], eventArrays: 0, elements: 0 };
  private state = S_VALUE;
  private role = R_ROOT;
  private pendingWindowId: string | undefined;
  private readonly stack: Frame[] = [];
  /** The chunk being scanned and the absolute offset of its first byte. */
  private buf: Buffer = Buffer.alloc(0);
  private base = 0;
  // Value-crossing state, carried between chunks.
  private depth = 0;
  private inString = false;
  private escapePending = false;
  /** Whether the value being crossed has a byte >= 0x80 (only possible inside strings). */
  private nonAscii = false;
  /** Absolute start of the element/key/value being read; its bytes from earlier chunks when kept. */
  private valueStart = 0;
  private pieces: Buffer[] = [];
  private capturing = false;
  // Elements complete within the current chunk, awaiting one batched parse.
  private batchStarts: number[] = [];
  private batchEnds: number[] = [];
  private batchAscii: boolean[] = [];
  private batchFirstIndex = 0;
  private batchWindowId: string | undefined;

  constructor(private readonly sink: ScanSink) {}

  /** True after a structural error or trailing content: further input is ignored. */
  get stopped(): boolean {
    return this.state === S_STOPPED;
  }

  push(buf: Buffer): void {
    const n = buf.length;
    this.buf = buf;
    let i = 0;
    // A UTF-8 BOM (EF BB BF) may precede the document; JSON.parse would reject it.
    if (this.base === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    if (this.escapePending && n > 0) {
      this.escapePending = false;
      i = 1;
    }
    while (i < n && this.state !== S_STOPPED) {
      const s = this.state;
      if (s === S_ELEM || s === S_SKIP || s === S_KEY) {
        const end = this.crossValue(buf, i, n);
        if (end < 0) break;
        if (s === S_ELEM) this.endElement(end);
        else if (s === S_SKIP) this.endSkipped(end);
        else this.endKey(end);
        i = end;
      } else if (s === S_ELEM_SCALAR || s === S_SKIP_SCALAR) {
        let j = i;
        while (j < n && !isScalarEnd(buf[j])) j++;
        if (j === n) break;
        if (s === S_ELEM_SCALAR) this.endElement(j);
        else this.endSkipped(j);
        i = j;
      } else {
        i = this.structural(buf, i, n);
      }
    }
    this.flushBatch();
    this.keepPartial(n);
    this.base += n;
  }

  /** Call at end of input; reports an unterminated document. */
  end(): ScanResult {
    const r = this.result;
    if (this.state === S_SKIP_SCALAR && this.stack.length === 0) {
      this.state = S_DONE; // a bare root number/literal ends at EOF
    } else if (this.state !== S_DONE && this.state !== S_STOPPED) {
      const inElement = this.state === S_ELEM || this.state === S_ELEM_SCALAR;
      const what = r.root === 'none' ? 'before any JSON value' : inElement ? `inside event ${r.elements}` : 'before the document was complete';
      r.error = { byte: this.base, message: `unexpected end of file ${what}` };
    }
    this.pieces = [];
    return r;
  }

  /**
   * Crosses a compound value or string from `i`, tracking depth and strings. Returns the index just
   * past its end, or -1 when the chunk ends first. This is the hot loop of the whole reader.
   */
  private crossValue(buf: Buffer, i: number, n: number): number {
    let depth = this.depth;
    let inString = this.inString;
    let nonAscii = this.nonAscii;
    for (; i < n; i++) {
      const c = buf[i];
      if (inString) {
        if (c === QUOTE) {
          inString = false;
          if (depth === 0) {
            this.inString = false;
            this.nonAscii = nonAscii;
            return i + 1;
          }
        } else if (c === BACKSLASH) {
          i++;
        } else if (c > 0x7f) {
          nonAscii = true;
        }
      } else if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.depth = 0;
          this.nonAscii = nonAscii;
          return i + 1;
        }
      }
    }
    // A backslash as the chunk's last byte escapes the next chunk's first byte.
    if (i > n) this.escapePending = true;
    this.depth = depth;
    this.inString = inString;
    this.nonAscii = nonAscii;
    return -1;
  }

  /** Wrapper-level tokens (outside elements and skipped values), one byte at a time. */
  private structural(buf: Buffer, i: number, n: number): number {
    const c = buf[i];
    if (isSpace(c)) return i + 1;
    switch (this.state) {
      case S_VALUE:
        return this.startValue(c, i);
      case S_OBJ_KEY:
        if (c === QUOTE) {
          this.beginValue(i, true, S_KEY, 0, true);
        } else if (c === CLOSE_BRACE) this.closeContainer();
        else this.fail(i, `expected a key or '}'`);
        return i + 1;
      case S_COLON:
        if (c === COLON) this.state = S_VALUE;
        else this.fail(i, `expected ':'`);
        return i + 1;
      case S_OBJ_NEXT:
        if (c === COMMA) this.state = S_OBJ_KEY;
        else if (c === CLOSE_BRACE) this.closeContainer();
        else this.fail(i, `expected ',' or '}'`);
        return i + 1;
      case S_ARR_ELEM:
        if (c === CLOSE_BRACKET) {
          this.closeContainer();
          return i + 1;
        }
        return this.startElement(buf, c, i, n);
      case S_ARR_NEXT:
        if (c === COMMA) this.state = S_ARR_ELEM;
        else if (c === CLOSE_BRACKET) this.closeContainer();
        else this.fail(i, `expected ',' or ']' after event ${this.result.elements - 1}`);
        return i + 1;
      case S_DONE:
        this.result.trailing = this.base + i;
        this.state = S_STOPPED;
        return n;
      default:
        return n;
    }
  }

  /** Returns where scanning continues: past the opening byte, or at a scalar's first byte. */
  private startValue(c: number, i: number): number {
    const role = this.role;
    if (role === R_ROOT) this.result.root = c === OPEN_BRACKET ? 'array' : c === OPEN_BRACE ? 'object' : 'other';
    if (c === OPEN_BRACE && (role === R_ROOT || role === R_DATA || role === R_WINDOWS)) {
      this.stack.push({ events: false, role, windowId: undefined });
      this.state = S_OBJ_KEY;
      return i + 1;
    }
    if (c === OPEN_BRACKET && (role === R_ROOT || role === R_EVENTS)) {
      this.stack.push({ events: true, role, windowId: this.pendingWindowId });
      this.result.eventArrays++;
      this.state = S_ARR_ELEM;
      return i + 1;
    }
    const keep = role === R_VERSION || role === R_ID;
    if (c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE) {
      this.beginValue(i, keep, S_SKIP, c === QUOTE ? 0 : 1, c === QUOTE);
      return i + 1;
    }
    this.beginValue(i, keep, S_SKIP_SCALAR, 0, false);
    return i;
  }

  private startElement(buf: Buffer, c: number, i: number, n: number): number {
    if (this.batchStarts.length === 0) {
      this.batchFirstIndex = this.result.elements;
      this.batchWindowId = this.stack[this.stack.length - 1].windowId;
    }
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET && c !== QUOTE) {
      this.beginValue(i, true, S_ELEM_SCALAR, 0, false);
      return i;
    }
    this.beginValue(i, true, S_ELEM, c === QUOTE ? 0 : 1, c === QUOTE);
    // Cross the element right away: saves a trip through the dispatcher per event.
    const end = this.crossValue(buf, i + 1, n);
    if (end < 0) return n;
    this.endElement(end);
    return end;
  }

  private beginValue(i: number, keep: boolean, state: number, depth: number, inString: boolean): void {
    this.valueStart = this.base + i;
    this.capturing = keep;
    this.pieces = [];
    this.state = state;
    this.depth = depth;
    this.inString = inString;
    this.nonAscii = false;
  }

  /** Bytes of the value being read, given its end (exclusive) in the current chunk. */
  private captured(end: number): Buffer {
    if (this.pieces.length === 0) return this.buf.subarray(this.valueStart - this.base, end);
    const all = Buffer.concat([...this.pieces, this.buf.subarray(0, end)]);
    this.pieces = [];
    return all;
  }

  private endElement(end: number): void {
    const index = this.result.elements++;
    this.state = S_ARR_NEXT;
    const start = this.valueStart - this.base;
    if (start >= 0) {
      this.batchStarts.push(start);
      this.batchEnds.push(end);
      this.batchAscii.push(!this.nonAscii);
      return;
    }
    // Began in an earlier chunk (nothing of this chunk is batched yet): parse it alone.
    const windowId = this.stack[this.stack.length - 1].windowId;
    if (this.pieces.length === 0 || !this.sink.wantsValues) {
      this.pieces = [];
      this.sink.skipped(1, index);
      return;
    }
    this.parseOne(this.captured(end), index, this.valueStart, windowId);
  }

  private endSkipped(end: number): void {
    if (this.capturing) {
      let value: unknown;
      try {
        value = JSON.parse(this.captured(end).toString('utf8'));
      } catch {
        value = undefined;
      }
      if (this.role === R_VERSION) this.result.version = value;
      else if (this.role === R_ID) this.result.sessionId = value;
    }
    this.pieces = [];
    this.afterValue();
  }

  private endKey(end: number): void {
    let key: string;
    try {
      key = JSON.parse(this.captured(end).toString('utf8')) as string;
    } catch {
      this.fail(end - 1, 'invalid object key');
      return;
    }
    const frame = this.stack[this.stack.length - 1];
    this.pendingWindowId = undefined;
    if (frame.role === R_ROOT) {
      this.result.rootKeys.push(key);
      this.role = key === 'data' ? R_DATA : key === 'version' ? R_VERSION : R_IGNORE;
    } else if (frame.role === R_DATA) {
      this.role = key === 'snapshots' ? R_EVENTS : key === 'snapshotsByWindowId' ? R_WINDOWS : key === 'id' ? R_ID : R_IGNORE;
    } else {
      this.role = R_EVENTS; // a window of snapshotsByWindowId
      this.pendingWindowId = key;
    }
    this.state = S_COLON;
  }

  private closeContainer(): void {
    if (this.stack[this.stack.length - 1].events) this.flushBatch();
    this.stack.pop();
    this.afterValue();
  }

  private afterValue(): void {
    const top = this.stack[this.stack.length - 1];
    this.state = !top ? S_DONE : top.events ? S_ARR_NEXT : S_OBJ_NEXT;
  }

  private fail(i: number, message: string): void {
    this.flushBatch();
    this.result.error = { byte: this.base + i, message: `invalid JSON at byte ${this.base + i}: ${message}` };
    this.state = S_STOPPED;
  }

  /** Keeps the bytes of a value still open at the chunk's end, when they will be needed. */
  private keepPartial(n: number): void {
    const s = this.state;
    const open = s === S_ELEM || s === S_ELEM_SCALAR || s === S_SKIP || s === S_SKIP_SCALAR || s === S_KEY;
    if (!open || !this.capturing) return;
    // Over the session cap an element only needs counting: drop its bytes.
    if ((s === S_ELEM || s === S_ELEM_SCALAR) && !this.sink.wantsValues) return;
    this.pieces.push(this.buf.subarray(Math.max(this.valueStart - this.base, 0), n));
  }

  /**
   * Parses this chunk's complete elements, a run of up to BATCH_BYTES per JSON.parse, falling back to
   * one by one when a run fails. Bounded runs keep transient strings small and let the session cap
   * stop decoding promptly. Runs of pure-ASCII elements are decoded as latin1: ~3x faster than UTF-8
   * decoding and they become one-byte strings, which JSON.parse also reads faster.
   */
  private flushBatch(): void {
    const count = this.batchStarts.length;
    if (count === 0) return;
    const starts = this.batchStarts;
    const ends = this.batchEnds;
    const ascii = this.batchAscii;
    const first = this.batchFirstIndex;
    const windowId = this.batchWindowId;
    this.batchStarts = [];
    this.batchEnds = [];
    this.batchAscii = [];
    for (let k = 0; k < count; ) {
      let last = k;
      while (last + 1 < count && ascii[last + 1] === ascii[k] && ends[last + 1] - starts[k] <= BATCH_BYTES) last++;
      if (!this.sink.wantsValues) {
        this.sink.skipped(count - k, first + k);
        return;
      }
      let values: unknown[] | undefined;
      try {
        const text = this.buf.toString(ascii[k] ? 'latin1' : 'utf8', starts[k], ends[last]);
        values = JSON.parse(`[${text}]`) as unknown[];
      } catch {
        values = undefined;
      }
      if (values && values.length === last - k + 1) this.sink.values(values, first + k, windowId);
      else for (let j = k; j <= last; j++) this.parseOne(this.buf.subarray(starts[j], ends[j]), first + j, this.base + starts[j], windowId);
      k = last + 1;
    }
  }

  private parseOne(bytes: Buffer, index: number, byte: number, windowId: string | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      this.sink.invalid(index, byte, `invalid JSON (${(err as Error).message})`);
      return;
    }
    this.sink.values([value], index, windowId);
  }
}
