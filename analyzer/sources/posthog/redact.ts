// Keeps API keys out of anything we throw, log or write. PostHog personal keys start with phx_ and project
// secret keys with phs_ (FACTS.md 2.1); the configured key is removed verbatim as well, whatever its shape.

const KEY_PATTERN = /\bph[xs]_[A-Za-z0-9_-]{8,}/g;
export const REDACTED_KEY = '[redacted API key]';

export function redactSecrets(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED_KEY);
  return out.replace(KEY_PATTERN, REDACTED_KEY);
}
