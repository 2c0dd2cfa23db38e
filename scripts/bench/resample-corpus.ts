// Builds a large synthetic corpus by resampling recorded sessions: each copy gets a new session id and its
// timestamps shifted, and is written as its own gzipped PostHog export, so reading it exercises the same
// streaming gunzip + scanner path as real downloads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface ResampledCorpus {
  dir: string;
  sessions: number;
  /** Decompressed bytes written. */
  bytes: number;
}

const DAY_MS = 86_400_000;

/** mulberry32, so a seed always picks the same sources. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceText(file: string): { text: string; idField: string } {
  const raw = fs.readFileSync(file);
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  // Textual rewrite keeps generation cheap (no parse/stringify of every copy); the export's id comes first.
  const idField = /"id"\s*:\s*"[^"]+"/.exec(text)?.[0];
  if (!idField || !text.includes('"snapshots"')) throw new Error(`${file} is not a PostHog export with a session id`);
  return { text, idField };
}

export function resampleCorpus(files: string[], dir: string, sessions: number, seed = 7): ResampledCorpus {
  const sources = files.map(sourceText);
  const next = random(seed);
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < sessions; i++) {
    const source = sources[Math.floor(next() * sources.length)];
    const id = `scale-${String(i).padStart(6, '0')}`;
    const shift = (i + 1) * DAY_MS;
    const text = source.text
      .replace(source.idField, `"id":"${id}"`)
      .replace(/"timestamp":(\d{12,})/g, (_, t: string) => `"timestamp":${Number(t) + shift}`);
    const plain = Buffer.from(text, 'utf8');
    bytes += plain.length;
    // Level 1: generation speed; reading cost barely depends on the level.
    fs.writeFileSync(path.join(dir, `${id}.json.gz`), gzipSync(plain, { level: 1 }));
  }
  return { dir, sessions, bytes };
}
