// Streams a file's bytes, transparently gunzipping when it starts with the gzip magic 1f 8b
// (extensions lie: PostHog downloads are often .json holding gzip, or .gz holding plain text).
// Uses 'data' events rather than async-iterating the gunzip stream: on a truncated file the
// iterator drops output still buffered when zlib errors, and that output is valid recording data.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createGunzip, gunzipSync, type Gunzip } from 'node:zlib';

const READ_CHUNK = 1 << 20;
/**
 * Files up to this size are read and gunzipped in one call: most recordings are small, and for them the
 * stream machinery costs more than the work. Their output is capped so a gzip bomb falls back to streaming.
 */
const SMALL_FILE_BYTES = 2 << 20;
const SMALL_FILE_MAX_OUTPUT = 32 << 20;
const GUNZIP_CHUNK = 256 << 10;
/** Decompressed bytes we buffer ahead of the consumer before pausing the file. */
const HIGH_WATER = 8 << 20;

export interface ByteSourceProblem {
  kind: 'gzip' | 'read';
  /** Compressed (gzip) or raw (read) byte offset reached when it failed. */
  byte: number;
  message: string;
}

export class ByteSource {
  gzip = false;
  problem: ByteSourceProblem | undefined;

  constructor(readonly path: string) {}

  async *chunks(): AsyncGenerator<Buffer> {
    const whole = await this.readSmall();
    if (whole) {
      yield whole;
      return;
    }
    yield* this.stream();
  }

  /** The whole (decompressed) file when it is small and intact; undefined sends it down the streaming path. */
  private async readSmall(): Promise<Buffer | undefined> {
    try {
      if ((await stat(this.path)).size > SMALL_FILE_BYTES) return undefined;
      const raw = await readFile(this.path);
      if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
      const out = gunzipSync(raw, { maxOutputLength: SMALL_FILE_MAX_OUTPUT });
      this.gzip = true;
      return out;
    } catch {
      // Truncated or corrupt gzip, too large an output, an unreadable file: the stream reports it precisely.
      return undefined;
    }
  }

  private async *stream(): AsyncGenerator<Buffer> {
    const src = createReadStream(this.path, { highWaterMark: READ_CHUNK });
    const queue: Buffer[] = [];
    let queued = 0;
    let done = false;
    let gz: Gunzip | undefined;
    let gzFull = false;
    let rawBytes = 0;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const finish = (problem?: ByteSourceProblem): void => {
      if (problem && !this.problem) this.problem = problem;
      done = true;
      notify();
    };
    const enqueue = (chunk: Buffer): void => {
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= HIGH_WATER) src.pause();
      notify();
    };
    const maybeResume = (): void => {
      if (!gzFull && queued < HIGH_WATER && !done) src.resume();
    };

    src.on('data', (data: Buffer | string) => {
      const chunk = data as Buffer; // no encoding was set, so always a Buffer
      if (rawBytes === 0 && chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        this.gzip = true;
        gz = createGunzip({ chunkSize: GUNZIP_CHUNK });
        const g = gz;
        g.on('data', enqueue);
        g.on('drain', () => {
          gzFull = false;
          maybeResume();
        });
        g.on('end', () => finish());
        g.on('error', (err) => {
          const truncated = /unexpected end/i.test(err.message);
          const message = truncated ? `truncated gzip at byte ${g.bytesWritten}` : `corrupt gzip at byte ${g.bytesWritten}: ${err.message}`;
          finish({ kind: 'gzip', byte: g.bytesWritten, message });
          src.destroy();
        });
      }
      rawBytes += chunk.length;
      if (!gz) return enqueue(chunk);
      if (!gz.write(chunk)) {
        gzFull = true;
        src.pause();
      }
    });
    src.on('end', () => (gz ? gz.end() : finish()));
    src.on('error', (err) => finish({ kind: 'read', byte: rawBytes, message: `cannot read: ${err.message}` }));

    try {
      while (true) {
        const chunk = queue.shift();
        if (chunk) {
          queued -= chunk.length;
          maybeResume();
          yield chunk;
        } else if (done) {
          return;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    } finally {
      src.destroy();
      gz?.destroy();
    }
  }
}
