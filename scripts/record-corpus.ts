// `npm run record`: drives seeded personas through the example shop in Debian's Chromium, records each session
// with rrweb in virtual time, and writes the corpus (PostHog export files + ground-truth.json).
//   npm run record -- --sessions 320 --seed 7 --out examples/shop/corpus --concurrency 2
import { parseArgs } from 'node:util';
import { rmSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../analyzer/simulate/chromium';
import { startShopServer } from '../examples/shop/server/server';
import { recordSession, type RecordedSession } from './recorder/record-session';
import { writeGroundTruth, writeSession } from './recorder/corpus-files';
import { PERSONA_WEIGHTS } from './recorder/personas';
import { Rng } from './recorder/rng';

/** Sessions start on a fixed virtual calendar (Oct 2026), ~37 minutes apart, so the corpus is reproducible. */
const CALENDAR_START = Date.UTC(2026, 9, 1, 8, 0, 0);

export function sessionSpecs(count: number, seed: number) {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const sessionRng = rng.fork(i);
    return {
      id: `shop-${String(i + 1).padStart(4, '0')}`,
      seed: sessionRng.int(1, 2 ** 31 - 1),
      persona: sessionRng.weighted(PERSONA_WEIGHTS),
      startTime: CALENDAR_START + i * 37 * 60_000 + sessionRng.int(0, 600_000),
    };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '320' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: 'examples/shop/corpus' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const count = Number(values.sessions);
  const seed = Number(values.seed);
  const out = path.resolve(values.out!);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const server = await startShopServer({ variant: 'friction', routing: 'mpa' });
  const browser = await launchChromium();
  const specs = sessionSpecs(count, seed);
  const recorded: RecordedSession[] = [];
  const failed: string[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      try {
        const session = await recordSession(browser, server.url, spec);
        writeSession(out, session);
        recorded.push(session);
      } catch (error) {
        failed.push(`${spec.id} (${spec.persona}): ${(error as Error).message.split('\n')[0]}`);
      }
      const done = recorded.length + failed.length;
      if (done % 10 === 0) process.stderr.write(`recorded ${done}/${specs.length} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  } finally {
    await browser.close();
    await server.close();
  }
  recorded.sort((a, b) => a.id.localeCompare(b.id));
  writeGroundTruth(out, seed, recorded);
  const files = readdirSync(out).length;
  console.log(`wrote ${recorded.length} sessions (${files} files) to ${path.relative(process.cwd(), out)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed.length) console.log(`failed ${failed.length}:\n  ${failed.join('\n  ')}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
