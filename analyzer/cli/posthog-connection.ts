// Host, project and API key for the commands that talk to PostHog, validated in one place. The key is read
// from the environment only, so it never lands in shell history.
import { HostError, resolveHost, type PosthogHost } from '../sources/posthog';
import { UsageError } from './errors';

export const API_KEY_ENV = 'POSTHOG_PERSONAL_API_KEY';

export interface ConnectionFlags {
  host?: string;
  project?: string;
  apiKeyEnv?: string;
  /** Refused, with a hint: only accepted so the mistake gets a helpful message. */
  apiKey?: string;
}

export interface PosthogConnection {
  host: PosthogHost;
  project: string;
  apiKey: string;
}

/** `needs` names the key scopes the command uses, for the message when the key is missing. */
export function posthogConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, needs: string, context = ''): PosthogConnection {
  let host: PosthogHost;
  try {
    host = resolveHost(flags.host ?? env.POSTHOG_HOST ?? 'us');
  } catch (error) {
    if (error instanceof HostError) throw new UsageError(`--host: ${error.message}`);
    throw error;
  }
  const project = flags.project ?? env.POSTHOG_PROJECT_ID;
  if (!project) throw new UsageError(`--project <id> is required${context} (PostHog: Project settings -> Project ID), or set POSTHOG_PROJECT_ID`);
  if (!/^\d+$/.test(project)) throw new UsageError(`--project must be the numeric project id (got "${project}")`);
  if (flags.apiKey !== undefined) {
    throw new UsageError(`--api-key is not accepted: a key on the command line lands in shell history; export ${API_KEY_ENV} (or name another variable with --api-key-env)`);
  }
  const keyEnv = flags.apiKeyEnv ?? API_KEY_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new UsageError(`--api-key-env takes the name of an environment variable (got "${keyEnv}")`);
  const apiKey = env[keyEnv]?.trim();
  if (!apiKey) throw new UsageError(`set ${keyEnv} to a PostHog personal API key with the ${needs} (read from the environment only, so it never lands in shell history)`);
  return { host, project, apiKey };
}
