// Links from a hotspot to the sessions that show it: the replay in the Friction webview (a command URI), and the
// recording in PostHog at the friction's moment when the session was synced from there. No vscode import.

export const OPEN_REPLAY_COMMAND = 'frictionLens.openReplay';

export interface ReplayMoment {
  sessionId: string;
  /** Epoch milliseconds of the friction, as the report's examples carry it. */
  timestamp: number;
}

/** `command:frictionLens.openReplay?<encoded JSON {sessionId, timestamp}>`: VS Code passes the object as the argument. */
export function openReplayCommandUri(moment: ReplayMoment): string {
  return `command:${OPEN_REPLAY_COMMAND}?${encodeURIComponent(JSON.stringify({ sessionId: moment.sessionId, timestamp: moment.timestamp }))}`;
}

export interface PosthogReplayTarget {
  /** Origin of the PostHog app, no trailing slash (https://eu.posthog.com). */
  baseUrl: string;
  projectId: string;
  /** Recording start (epoch ms) of every session synced from this project: only these have a PostHog replay. */
  sessionStarts: ReadonlyMap<string, number>;
}

/**
 * `<host>/project/<id>/replay/<sessionId>?t=<seconds into the recording>`, or undefined when the session did not
 * come from this PostHog project (a file recording has no replay there).
 */
export function posthogReplayUrl(target: PosthogReplayTarget, moment: ReplayMoment): string | undefined {
  const start = target.sessionStarts.get(moment.sessionId);
  if (start === undefined) return undefined;
  const base = `${target.baseUrl.replace(/\/+$/, '')}/project/${encodeURIComponent(target.projectId)}/replay/${encodeURIComponent(moment.sessionId)}`;
  return Number.isFinite(start) ? `${base}?t=${Math.max(0, Math.floor((moment.timestamp - start) / 1000))}` : base;
}
