// Did the session reach the goal? A URL (substring or regex), a clicked selector, or a custom event.
import { descriptorMatches } from './selector';
import type { Goal, Session, SessionOutcome } from './types';

/**
 * Parse the CLI's --goal: "re:<regex>", "selector:<css>", "event:<name>", "url:<substring>", else a URL
 * substring. "/…/flags" is read as a regex only when it holds regex syntax, so "/checkout/done" stays a path.
 */
export function parseGoal(text: string): Goal {
  if (text.startsWith('re:')) return { kind: 'url', pattern: new RegExp(text.slice(3)) };
  const regex = /^\/(.+)\/([dgimsuy]*)$/.exec(text);
  if (regex && /[\\^$.*+?()[\]{}|]/.test(regex[1])) return { kind: 'url', pattern: new RegExp(regex[1], regex[2]) };
  if (text.startsWith('selector:')) return { kind: 'selector', selector: text.slice('selector:'.length) };
  if (text.startsWith('event:')) return { kind: 'custom_event', name: text.slice('event:'.length) };
  if (text.startsWith('url:')) return { kind: 'url', pattern: text.slice('url:'.length) };
  return { kind: 'url', pattern: text };
}

function firstGoalTime(session: Session, goal: Goal): number | undefined {
  switch (goal.kind) {
    case 'url': {
      const test = (url: string) => (typeof goal.pattern === 'string' ? url.includes(goal.pattern) : goal.pattern.test(url));
      return session.pages.find((p) => test(p.url))?.start;
    }
    case 'selector':
      return session.interactions.find((i) => i.kind === 'click' && i.element && descriptorMatches(i.element, goal.selector))?.timestamp;
    case 'custom_event':
      return session.customEvents.find((e) => e.tag === goal.name || (e.payload as { event?: string } | null)?.event === goal.name)?.timestamp;
    default: {
      const exhaustive: never = goal;
      return exhaustive;
    }
  }
}

export function evaluateOutcome(session: Session, goal?: Goal): SessionOutcome {
  const lastPath = session.pages.length > 0 ? session.pages[session.pages.length - 1].path : undefined;
  if (!goal) return { converted: false, lastPath };
  const convertedAt = firstGoalTime(session, goal);
  return convertedAt !== undefined ? { converted: true, convertedAt, lastPath } : { converted: false, lastPath };
}
