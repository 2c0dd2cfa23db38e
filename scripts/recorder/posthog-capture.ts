// A local stand-in for PostHog's ingestion, mounted on the shop server through `extraRoutes`: serves posthog-js
// and a remote config that turns replay, dead clicks and exception capture on, and keeps every event the real
// SDK sends exactly as it arrived (RECIPES.md "Real posthog-js capturing into a local endpoint").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** An event as posthog-js sends it (and PostHog stores it): `distinct_id` sits in `properties`. */
export interface PosthogEvent {
  uuid?: string;
  event: string;
  timestamp?: string;
  properties: Record<string, unknown>;
  [key: string]: unknown;
}

export const POSTHOG_TOKEN = 'phc_friction_lens_local';

/** Endpoints that carry events: /e/ (analytics) and /s/ (replay) are what 1.449 uses; the rest are older or alternative. */
const EVENT_PATHS = new Set(['/e/', '/s/', '/i/v0/e/', '/batch/', '/capture/', '/engage/', '/track/']);

function distDir(): string {
  return path.dirname(require.resolve('posthog-js/dist/array.full.js', { paths: [process.cwd(), __dirname] }));
}

/** What PostHog's /array/<token>/config answers for a project with these features switched on. */
export function remoteConfig(token: string): object {
  return {
    token,
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: false,
    captureDeadClicks: true,
    capturePerformance: false,
    autocapture_opt_out: false,
    autocaptureExceptions: true,
    analytics: { endpoint: '/e/' },
    elementsChainAsString: true,
    sessionRecording: { endpoint: '/s/', consoleLogRecordingEnabled: true, recorderVersion: 'v2' },
    heatmaps: false,
    surveys: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/**
 * <head> snippet: the full array bundle (recorder, dead clicks and exception capture included) loaded
 * synchronously, so posthog-js starts before the app script and after the recorder's fake clock.
 */
export function posthogSnippet(token = POSTHOG_TOKEN): string {
  const options = {
    opt_out_useragent_filter: true, // headless Chromium counts as a bot otherwise and nothing is sent
    capture_dead_clicks: true,
    capture_exceptions: true,
    // SPA navigations become $pageview events (and `$pageview` custom events in the recording), as with `defaults >= 2025-05-24`.
    capture_pageview: 'history_change',
    session_recording: { maskAllInputs: true },
    disable_surveys: true,
    disable_product_tours: true,
    disable_conversations: true,
  };
  return `<script src="/static/array.full.js"></script>
<script>posthog.init(${JSON.stringify(token)}, Object.assign({ api_host: location.origin }, ${JSON.stringify(options)}));</script>`;
}

function json(res: ServerResponse, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
  res.end(text);
}

/**
 * Undo the SDK's transport encodings: gzip (told by the magic bytes: the `compression=gzip-js` query outlives a
 * fallback to plain JSON), base64 form bodies `data=...` (`compression=base64`, used by beacons).
 */
export function decodeBody(body: Buffer, compression: string | null): unknown {
  if (body.length === 0) return undefined;
  let bytes = body;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  let text = bytes.toString('utf8');
  if (text.startsWith('data=')) {
    text = decodeURIComponent(text.slice(5).replace(/\+/g, ' '));
    if (compression === 'base64' || !/^[[{]/.test(text)) text = Buffer.from(text, 'base64').toString('utf8');
  }
  return JSON.parse(text);
}

function eventsOf(payload: unknown): PosthogEvent[] {
  if (Array.isArray(payload)) return payload as PosthogEvent[];
  if (payload && typeof payload === 'object') {
    const batch = (payload as { batch?: unknown }).batch;
    if (Array.isArray(batch)) return batch as PosthogEvent[];
    if (typeof (payload as { event?: unknown }).event === 'string') return [payload as PosthogEvent];
  }
  return [];
}

export class PosthogCapture {
  readonly events: PosthogEvent[] = [];
  /** Requests per path (method + path), for the recorder's summary. */
  readonly requests = new Map<string, number>();
  readonly unknownPaths = new Set<string>();
  readonly errors: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** When (real time) an event of each session last arrived. */
  private readonly lastSeen = new Map<string, number>();
  private readonly dist = distDir();

  constructor(readonly token = POSTHOG_TOKEN) {}

  readonly routes = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://shop.local');
    const { pathname } = url;
    const isStatic = pathname.startsWith('/static/');
    const isConfig = pathname.startsWith('/array/');
    const isFlags = pathname.startsWith('/flags') || pathname.startsWith('/decide');
    if (!isStatic && !isConfig && !isFlags && !EVENT_PATHS.has(pathname)) {
      // The shop itself only answers GET: any other method, or /api/..., is SDK traffic we do not know.
      if (req.method === 'GET' || req.method === 'HEAD') return pathname.startsWith('/api/') ? this.unknown(res, `GET ${pathname}`) : false;
      return this.unknown(res, `${req.method} ${pathname}`);
    }
    const key = `${req.method} ${isStatic ? '/static/*' : isConfig ? pathname.replace(this.token, '<token>') : pathname}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (isStatic) {
      const file = path.join(this.dist, path.basename(pathname));
      if (!existsSync(file)) return this.unknown(res, key);
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(readFileSync(file));
    } else if (isConfig) {
      const config = remoteConfig(this.token);
      if (pathname === `/array/${this.token}/config.js`) {
        const script = `(window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {})[${JSON.stringify(this.token)}] = ${JSON.stringify({ config, siteApps: [] })};`;
        json(res, script, 'text/javascript; charset=utf-8');
      } else if (pathname === `/array/${this.token}/config`) {
        json(res, config);
      } else {
        return this.unknown(res, key);
      }
    } else if (isFlags) {
      json(res, { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, requestId: 'local' });
    } else {
      this.collect(req, res, url.searchParams.get('compression'));
    }
    return true;
  };

  private unknown(res: ServerResponse, key: string): boolean {
    this.unknownPaths.add(key);
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return true;
  }

  private collect(req: IncomingMessage, res: ServerResponse, compression: string | null): void {
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => {
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('error', (error) => {
        this.errors.push(`${req.url}: ${error.message}`);
        resolve();
      });
      req.on('end', () => {
        try {
          const events = eventsOf(decodeBody(Buffer.concat(chunks), compression));
          this.events.push(...events);
          for (const e of events) this.lastSeen.set(String(e.properties?.$session_id), Date.now());
        } catch (error) {
          this.errors.push(`${req.url}: ${(error as Error).message}`);
        }
        json(res, { status: 1 });
        resolve();
      });
    });
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  /**
   * Resolves once bodies in flight are read and nothing of the session arrived for `quietMs` (real time), or
   * after `maxMs`: the SDK's last flush is still on the wire when the virtual clock stops.
   */
  async settle(sessionId: string, quietMs = 800, maxMs = 8000): Promise<void> {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      await Promise.all([...this.pending]);
      if (Date.now() - Math.max(start, this.lastSeen.get(sessionId) ?? 0) >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Removes and returns one session's events (both analytics and $snapshot). */
  take(sessionId: string): PosthogEvent[] {
    const mine: PosthogEvent[] = [];
    let kept = 0;
    for (const event of this.events) {
      if (event.properties?.$session_id === sessionId) mine.push(event);
      else this.events[kept++] = event;
    }
    this.events.length = kept;
    return mine;
  }
}
