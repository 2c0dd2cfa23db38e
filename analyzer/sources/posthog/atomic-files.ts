// Files that are either complete or absent: written to a dot-prefixed temp file beside the target (the
// readers skip dot files), flushed to disk, then renamed over it. A process killed mid-write leaves only a
// temp file, which the next sync removes.
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export const TEMP_MARK = '.tmp-';
let counter = 0;

function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}${TEMP_MARK}${process.pid}-${++counter}`);
}

export function isTempFile(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARK);
}

export function writeFileAtomic(file: string, content: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A gzipped file written as a stream (memory stays at one chunk) that appears under its name only on commit. */
export class GzipFileWriter {
  private readonly temp: string;
  private readonly gzip = createGzip({ level: 6 });
  private readonly written: Promise<void>;
  private failure: Error | undefined;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.temp = tempPathFor(file);
    this.written = pipeline(this.gzip, createWriteStream(this.temp));
    this.written.catch((error: Error) => (this.failure = error));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), this.written]);
  }

  /** Flushes, syncs and renames; returns the file's size in bytes. */
  async commit(): Promise<number> {
    this.gzip.end();
    await this.written;
    const fd = openSync(this.temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.temp, this.file);
    return statSync(this.file).size;
  }

  /** Drops everything written so far; safe to call after a failure. */
  async discard(): Promise<void> {
    this.gzip.destroy();
    await this.written.catch(() => undefined);
    rmSync(this.temp, { force: true });
  }
}
