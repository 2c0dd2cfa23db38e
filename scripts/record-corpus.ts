// `npm run record`: drives seeded personas through the example shop in Debian's Chromium, records each session
// with rrweb in virtual time, and writes the corpus (PostHog export files + ground-truth.json).
//   npm run record -- --sessions 320 --seed 7 --out examples/shop/corpus --concurrency 2
// With `--sdk posthog` the real posthog-js SDK records instead and the corpus is what PostHog stores (blob_v2
// JSONL per session + posthog-events.ndjson.gz):
//   npm run record -- --sdk posthog --routing spa --sessions 40 --seed 21 --out examples/shop/corpus-posthog
// With `--from N` only sessions N.. of the seeded schedule are recorded: the same traffic, later. The fidelity
// eval's fresh held-out sessions are the 240 that follow the bundled corpus:
//   npm run record -- --sessions 560 --from 321 --seed 7 --out examples/shop/corpus-holdout
import { parseArgs } from 'node:util';
import { rmSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium, RECORDING_CHROMIUM_PATH } from '../analyzer/simulate/chromium';
import { startShopServer } from '../examples/shop/server/server';
import { recordSession, type RecordedSession, type RecordOptions } from './recorder/record-session';
import { writeGroundTruth, writePosthogEvents, writePosthogSession, writeSession } from './recorder/corpus-files';
import { PosthogCapture, posthogSnippet } from './recorder/posthog-capture';
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
      from: { type: 'string', default: '1' },
      sdk: { type: 'string', default: 'rrweb' },
      routing: { type: 'string', default: 'mpa' },
    },
  });
  if (values.sdk !== 'rrweb' && values.sdk !== 'posthog') throw new Error('--sdk must be rrweb or posthog');
  if (values.routing !== 'mpa' && values.routing !== 'spa') throw new Error('--routing must be mpa or spa');
  const count = Number(values.sessions);
  const seed = Number(values.seed);
  const out = path.resolve(values.out!);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const capture = values.sdk === 'posthog' ? new PosthogCapture() : undefined;
  const options: RecordOptions = { sdk: values.sdk, routing: values.routing, capture };
  const server = await startShopServer({
    variant: 'friction',
    routing: values.routing,
    ...(capture ? { extraHeadHtml: posthogSnippet(capture.token), extraRoutes: capture.routes } : {}),
  });
  const browser = await launchChromium({ executablePath: RECORDING_CHROMIUM_PATH });
  const from = Number(values.from);
  if (!Number.isInteger(from) || from < 1 || from > count) throw new Error(`--from must be a session number from 1 to --sessions (${count})`);
  const specs = sessionSpecs(count, seed).slice(from - 1);
  const recorded: RecordedSession[] = [];
  const failed: string[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      try {
        const session = await recordSession(browser, server.url, spec, options);
        if (capture) writePosthogSession(out, session);
        else writeSession(out, session);
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
  // posthog-js session ids are UUIDv7: sorting them is sorting by start time, as for shop-NNNN.
  recorded.sort((a, b) => a.id.localeCompare(b.id));
  if (capture) {
    writePosthogEvents(out, recorded);
    writeGroundTruth(out, seed, recorded, `examples/shop (friction variant, ${values.routing}, posthog-js)`);
    console.log(`posthog-js requests: ${[...capture.requests].map(([k, n]) => `${k} x${n}`).join(', ')}`);
    if (capture.unknownPaths.size) console.log(`unknown posthog paths: ${[...capture.unknownPaths].join(', ')}`);
    if (capture.errors.length) console.log(`undecodable bodies:\n  ${capture.errors.join('\n  ')}`);
    if (capture.events.length) {
      const left = capture.events.map((e) => `${e.event} (${String(e.properties.$session_id)}, ${e.timestamp})`);
      console.log(`${left.length} events no session claimed (sent after its end?):\n  ${left.slice(0, 20).join('\n  ')}`);
    }
  } else {
    writeGroundTruth(out, seed, recorded);
  }
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
