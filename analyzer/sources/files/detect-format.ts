// Decides from the first bytes of a (decompressed) file whether it is one JSON document (rrweb array,
// PostHog export) or a file of JSON lines (PostHog blob JSONL, NDJSON). Never trusts the extension.

/** 'json': one document for the streaming scanner; 'lines': JSONL/NDJSON. */
export type Layout = 'empty' | 'json' | 'lines' | 'unknown';

/** How many leading lines we try to parse on their own. */
export const PROBE_LINES = 3;
/** Stop collecting a head after this many bytes (a compact one-line document has no newline). */
export const MAX_HEAD_BYTES = 4 << 20;

export const ACCEPTED_FORMATS =
  'accepted: a JSON array of rrweb events, a PostHog export ({"version","data":{"snapshots"|"snapshotsByWindowId"}}), ' +
  'PostHog blob JSONL (["windowId", event] or {"windowId","data":[...]} per line), or NDJSON (one rrweb event per line)';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the first byte that is not whitespace or a UTF-8 BOM, or buf.length. */
export function contentStart(buf: Buffer, from = 0): number {
  let i = from;
  if (i === 0 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/**
 * A PostHog export opens with its "version" or "data" key; no JSONL record does (those open with "type",
 * "windowId" or a session id). Deciding from these bytes spares parsing a whole one-line export twice.
 */
const EXPORT_PREFIX = /^\{\s*"(version|data)"\s*:/;

function opensLikeExport(head: Buffer, start: number): boolean {
  return EXPORT_PREFIX.test(head.toString('utf8', start, Math.min(head.length, start + 64)));
}

/** True once `head` holds enough to decide: an export's opening, or PROBE_LINES complete lines. */
export function headIsEnough(head: Buffer): boolean {
  if (head.length >= MAX_HEAD_BYTES) return true;
  let i = contentStart(head);
  if (i >= head.length) return false;
  if (opensLikeExport(head, i)) return true;
  for (let n = 0; n < PROBE_LINES; n++) {
    const nl = head.indexOf(0x0a, i);
    if (nl < 0) return false;
    i = nl + 1;
  }
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A PostHog export written on a single line. */
function looksLikeExport(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const data = v.data;
  return 'version' in v || (isRecord(data) && ('snapshots' in data || 'snapshotsByWindowId' in data));
}

/** What one JSONL line may hold: an event, a blob_v2 pair, or an old blob line. */
export function looksLikeLineRecord(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 2 && typeof v[0] === 'string' && isRecord(v[1]);
  if (!isRecord(v)) return false;
  return ('type' in v && 'timestamp' in v) || ('windowId' in v && Array.isArray(v.data));
}

function tryParse(buf: Buffer, start: number, end: number): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(buf.toString('utf8', start, end)) };
  } catch {
    return { ok: false };
  }
}

export function detectLayout(head: Buffer, complete: boolean): Layout {
  const start = contentStart(head);
  if (start >= head.length) return complete ? 'empty' : 'json';
  const first = head[start];
  if (first === 0x5b /* [ */) {
    // '["' opens a blob_v2 line ["windowId", event]; '[{' or '[]' opens an rrweb event array.
    const next = contentStart(head, start + 1);
    return next < head.length && head[next] === 0x22 ? 'lines' : 'json';
  }
  if (opensLikeExport(head, start)) return 'json';
  let i = start;
  for (let n = 0; n < PROBE_LINES && i < head.length; n++) {
    let end = head.indexOf(0x0a, i);
    if (end < 0) {
      if (!complete) break;
      end = head.length;
    }
    const line = tryParse(head, i, end);
    if (line.ok) {
      if (n === 0 && looksLikeExport(line.value)) return 'json';
      // Only record-shaped lines count: fragments of a pretty-printed document must not pass for JSONL,
      // and a bad first line must not hide the NDJSON after it.
      if (looksLikeLineRecord(line.value)) return 'lines';
    }
    i = contentStart(head, end + 1);
  }
  return first === 0x7b /* { */ ? 'json' : 'unknown';
}
