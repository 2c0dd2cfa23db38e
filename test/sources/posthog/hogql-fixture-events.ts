// The real posthog-js events captured from the example shop (examples/shop/corpus-posthog/posthog-events.ndjson.gz),
// reduced to the columns the pushdown reads, as PostHog's ingestion would store them: elements_chain from
// $elements_chain, or built from the $elements array ($dead_click sends elementsChainAsString: false).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { POSTHOG_JS_CORPUS_DIR } from './fake-posthog';

export const EVENTS_FILE = join(POSTHOG_JS_CORPUS_DIR, 'posthog-events.ndjson.gz');
export const GROUND_TRUTH_FILE = join(POSTHOG_JS_CORPUS_DIR, 'ground-truth.json');

export interface StoredEvent {
  event: string;
  /** ms since epoch. */
  timestamp: number;
  sessionId: string;
  currentUrl: string;
  path: string;
  elementsChain: string;
  eventType?: string;
}

interface RawElement {
  tag_name?: string;
  classes?: string[];
  $el_text?: string;
  nth_child?: number;
  nth_of_type?: number;
  [attribute: string]: unknown;
}

const quote = (value: unknown) => `"${String(value).replace(/"/g, '\\"')}"`;

/** posthog-js elementsToString (FACTS.md 2.6): tag.classes:sorted key="value" pairs, target first. */
export function chainFromElements(elements: RawElement[]): string {
  return elements
    .map((el) => {
      const pairs: [string, unknown][] = Object.entries(el).filter(([k]) => k.startsWith('attr__'));
      if (typeof el.attr__id === 'string') pairs.push(['attr_id', el.attr__id]);
      if (typeof el.attr__href === 'string') pairs.push(['href', el.attr__href]);
      if (el.nth_child !== undefined) pairs.push(['nth-child', el.nth_child]);
      if (el.nth_of_type !== undefined) pairs.push(['nth-of-type', el.nth_of_type]);
      if (el.$el_text) pairs.push(['text', el.$el_text]);
      pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const classes = [...(el.classes ?? [])].sort().map((c) => `.${c}`).join('');
      return `${el.tag_name ?? ''}${classes}:${pairs.map(([k, v]) => `${k}=${quote(v)}`).join('')}`;
    })
    .join(';');
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

export function loadEvents(file = EVENTS_FILE): StoredEvent[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const raw = JSON.parse(line) as { event: string; timestamp: string; properties: Record<string, unknown> };
      const p = raw.properties;
      const currentUrl = typeof p.$current_url === 'string' ? p.$current_url : '';
      const chain = typeof p.$elements_chain === 'string' ? p.$elements_chain : Array.isArray(p.$elements) ? chainFromElements(p.$elements as RawElement[]) : '';
      return {
        event: raw.event,
        timestamp: Date.parse(raw.timestamp),
        sessionId: typeof p.$session_id === 'string' ? p.$session_id : '',
        currentUrl,
        path: typeof p.$pathname === 'string' && p.$pathname ? p.$pathname : pathOf(currentUrl),
        elementsChain: chain,
        eventType: typeof p.$event_type === 'string' ? p.$event_type : undefined,
      };
    });
}

export interface GroundTruthSession {
  id: string;
  converted: boolean;
  dropOffRoute?: string;
  occurrences: { kind: string; t: number; route: string; selector?: string }[];
}

export function loadGroundTruth(): { goal: string; sessions: GroundTruthSession[] } {
  return JSON.parse(readFileSync(GROUND_TRUTH_FILE, 'utf8'));
}
