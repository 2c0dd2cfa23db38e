// The training-consent decision stored with a project's cache, so `friction train` can read it and the model
// card can state its basis. An explicit setting wins; a run without one keeps what the project has.
import { resolveTrainingConsent, type ConsentSetting } from '../../privacy/consent';
import type { ConsentRecord } from './cache';

export function decideConsent(requested: ConsentSetting | undefined, stored: ConsentRecord | undefined, baseUrl: string, region: string | undefined, now: number): ConsentRecord {
  if (stored && requested === undefined) return stored;
  const setting = requested ?? 'auto';
  const decision = resolveTrainingConsent(setting, baseUrl, region);
  // Same outcome: keep the original date, it is when the basis was established.
  if (stored && stored.setting === setting && stored.allowed === decision.allowed) return stored;
  return { setting, allowed: decision.allowed, basis: decision.basis, decidedAt: new Date(now).toISOString() };
}
