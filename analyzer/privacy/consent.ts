// Whether a project's data may train a model. Analysis never needs consent; training does.
// `auto` is opt-in for US and self-hosted instances and opt-out for EU ones (EDPB 04/2025 treats training as
// its own processing purpose needing its own basis: FACTS.md section 8).

export type ConsentSetting = 'auto' | 'on' | 'off';

export interface ConsentDecision {
  allowed: boolean;
  /** Plain words for the model card and the Privacy view. */
  basis: string;
}

const EU_HOSTS = new Set(['eu.posthog.com', 'eu.i.posthog.com']);

export function isEuHost(host: string, region?: string): boolean {
  if (region?.toLowerCase() === 'eu') return true;
  const name = host.replace(/^[a-z]+:\/\//i, '').split('/')[0].split(':')[0].toLowerCase();
  return EU_HOSTS.has(name);
}

export function resolveTrainingConsent(setting: ConsentSetting, host: string, region?: string): ConsentDecision {
  switch (setting) {
    case 'on':
      return { allowed: true, basis: 'training.consent=on: the project owner opted in explicitly' };
    case 'off':
      return { allowed: false, basis: 'training.consent=off: the project owner opted out' };
    case 'auto':
      return isEuHost(host, region)
        ? { allowed: false, basis: `training.consent=auto on an EU instance (${host}): opt-out by default; set it to "on" to allow training` }
        : { allowed: true, basis: `training.consent=auto on a US or self-hosted instance (${host}): opt-in by default; set it to "off" to refuse` };
    default: {
      const never: never = setting;
      throw new Error(`unknown consent setting ${String(never)}`);
    }
  }
}
