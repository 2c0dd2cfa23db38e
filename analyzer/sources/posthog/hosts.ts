// Where the private API lives: the US or EU cloud app hosts, or a self-hosted instance (FACTS.md 2.1).
// The ingestion hosts (us.i.posthog.com...) only take capture/flags calls, so they are refused with a hint.

export type HostPreset = 'us' | 'eu';

export interface PosthogHost {
  /** Origin without a trailing slash, e.g. https://eu.posthog.com */
  baseUrl: string;
  /** The preset, or 'self-hosted'. */
  kind: HostPreset | 'self-hosted';
}

export const HOST_PRESETS: Record<HostPreset, string> = {
  us: 'https://us.posthog.com',
  eu: 'https://eu.posthog.com',
};

const INGESTION_HOSTS: Record<string, HostPreset> = { 'us.i.posthog.com': 'us', 'eu.i.posthog.com': 'eu' };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export class HostError extends Error {}

export function resolveHost(value: string): PosthogHost {
  const trimmed = value.trim();
  const preset = trimmed.toLowerCase();
  if (preset === 'us' || preset === 'eu') return { baseUrl: HOST_PRESETS[preset], kind: preset };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new HostError(`host "${value}" is neither us, eu nor a URL such as https://posthog.example.com`);
  }
  if (INGESTION_HOSTS[url.hostname]) {
    const p = INGESTION_HOSTS[url.hostname];
    throw new HostError(`${url.hostname} is PostHog's ingestion host; the API lives on ${HOST_PRESETS[p]} (use --host ${p})`);
  }
  // The key travels in a header: plain http is only acceptable on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new HostError(`host ${url.origin} must use https (plain http is accepted for localhost only)`);
  }
  // A self-hosted instance may live under a path (https://example.com/posthog).
  const baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (baseUrl === HOST_PRESETS.us) return { baseUrl, kind: 'us' };
  if (baseUrl === HOST_PRESETS.eu) return { baseUrl, kind: 'eu' };
  return { baseUrl, kind: 'self-hosted' };
}
