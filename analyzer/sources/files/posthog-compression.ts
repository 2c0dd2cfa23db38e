// posthog-js compresses the heavy parts of some events before sending them (FACTS.md 2.5, posthog-js
// `compressEvent`, player `decompressEvent`). Without undoing this a reader sees no DOM at all.
// Each compressed field is a string holding gzip bytes one char per byte (latin1) around UTF-8 JSON.
import { gunzipSync } from 'node:zlib';
import { EventType, IncrementalSource } from '../../replay/rrweb-constants';

const KNOWN_VERSION = '2024-10';

const MUTATION_FIELDS = ['texts', 'attributes', 'removes', 'adds'] as const;
const STYLE_SHEET_FIELDS = ['adds', 'removes'] as const;

export class CompressedPayloadError extends Error {}

function unzip(field: string, value: string): unknown {
  try {
    return JSON.parse(gunzipSync(Buffer.from(value, 'latin1')).toString('utf8'));
  } catch (err) {
    throw new CompressedPayloadError(`corrupt posthog-compressed ${field}: ${(err as Error).message}`);
  }
}

function inflateFields(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out = { ...data };
  // Only strings are compressed; arrays pass through so half-compressed events still work.
  for (const f of fields) if (typeof out[f] === 'string') out[f] = unzip(`data.${f}`, out[f] as string);
  return out;
}

/**
 * Returns the event with compressed payloads expanded and `cv` removed; events without `cv` are
 * returned unchanged. Throws CompressedPayloadError on an unknown `cv` or an undecodable payload.
 */
export function decompressPosthogEvent<T extends { type?: unknown; data?: unknown; cv?: unknown }>(event: T): Omit<T, 'cv'> {
  if (event.cv === undefined) return event;
  if (event.cv !== KNOWN_VERSION) throw new CompressedPayloadError(`unknown posthog compression version ${JSON.stringify(event.cv)}`);
  const { cv: _cv, ...rest } = event;
  const data = rest.data;
  if (event.type === EventType.FullSnapshot && typeof data === 'string') return { ...rest, data: unzip('data', data) };
  if (event.type === EventType.IncrementalSnapshot && data !== null && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (d.source === IncrementalSource.Mutation) return { ...rest, data: inflateFields(d, MUTATION_FIELDS) };
    if (d.source === IncrementalSource.StyleSheetRule) return { ...rest, data: inflateFields(d, STYLE_SHEET_FIELDS) };
  }
  return rest;
}
