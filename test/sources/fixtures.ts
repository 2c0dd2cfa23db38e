// Small programmatic fixtures for the file-reader tests: written to a temp dir, never committed.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TestEvent {
  type: number;
  timestamp: number;
  data: unknown;
  [extra: string]: unknown;
}

export function meta(timestamp: number, extra: Record<string, unknown> = {}): TestEvent {
  return { type: 4, data: { href: 'https://shop.example/', width: 1280, height: 800 }, timestamp, ...extra };
}

export function click(timestamp: number, id = 7, extra: Record<string, unknown> = {}): TestEvent {
  return { type: 3, data: { source: 2, type: 2, id, x: 10, y: 20 }, timestamp, ...extra };
}

export function fullSnapshot(timestamp: number): TestEvent {
  const node = {
    type: 0,
    id: 1,
    childNodes: [{ type: 2, id: 2, tagName: 'button', attributes: { id: 'pay', class: 'btn' }, childNodes: [{ type: 3, id: 3, textContent: 'Pay "now" \\ ✓' }] }],
  };
  return { type: 2, data: { node, initialOffset: { top: 0, left: 0 } }, timestamp };
}

/** gzip bytes as posthog-js sends them: one latin1 char per byte. */
export function posthogCompress(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('latin1');
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'friction-sources-'));

  file(name: string, content: string | Buffer): string {
    const full = join(this.path, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  }

  gz(name: string, content: string): string {
    return this.file(name, gzipSync(content));
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/**
 * Streams a large rrweb array to disk without holding it: a Meta, then MouseMove/click events padded
 * with text so the file reaches `bytes`. Returns the event count; timestamps are 1000 + index.
 */
export async function writeLargeArray(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const pad = 'x'.repeat(300);
  let written = 0;
  let n = 0;
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => {
      written += s.length;
      if (out.write(s)) resolve();
      else out.once('drain', resolve);
    });
  await write('[\n');
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 1000; k++, n++) {
      const e = n === 0 ? meta(1000) : { type: 3, data: { source: 1, positions: [{ x: n % 1280, y: n % 800, id: 5, timeOffset: 0 }], note: pad }, timestamp: 1000 + n };
      block += (n === 0 ? '' : ',\n') + JSON.stringify(e);
    }
    await write(block);
  }
  await write('\n]\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return n;
}
