// A flow's goal, two ways: checked live by the agent (URL substring, selector visible, custom event seen) and as
// the analyzer's Goal for the run's recording. A selector goal has no trace of its own in a recording, so the
// agent adds a GOAL_REACHED_EVENT custom event when it sees it, and the analysis looks for that.
import type { Page } from 'playwright-core';
import type { Goal } from '../replay/types';
import { EventType } from '../replay/rrweb-constants';
import { GOAL_REACHED_EVENT } from './page-hooks';
import type { RecordedEvent } from './rrweb-injection';
import type { FlowGoal } from './types';

export function analysisGoalOf(goal: FlowGoal): Goal {
  if ('url' in goal) return { kind: 'url', pattern: goal.url };
  if ('selector' in goal) return { kind: 'custom_event', name: GOAL_REACHED_EVENT };
  return { kind: 'custom_event', name: goal.event };
}

/** The goal's event name when the page must be watched for it (page-hooks.ts). */
export function goalEventOf(goal: FlowGoal): string | undefined {
  return 'event' in goal ? goal.event : undefined;
}

export class GoalSelectorError extends Error {}

/** Is the goal reached now? `events`: the recording so far (flushed). */
export async function goalReached(page: Page, goal: FlowGoal, events: readonly RecordedEvent[]): Promise<boolean> {
  if ('url' in goal) return page.url().includes(goal.url);
  if ('event' in goal) return events.some((e) => e.type === EventType.Custom && e.data?.tag === goal.event);
  const visible = await page.evaluate((selector) => {
    let el: Element | null;
    try {
      el = document.querySelector(selector);
    } catch {
      return 'invalid';
    }
    if (!el) return false;
    return typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
  }, goal.selector);
  if (visible === 'invalid') throw new GoalSelectorError(`goal.selector ${JSON.stringify(goal.selector)} is not a valid CSS selector`);
  if (visible) {
    await page.evaluate((tag) => {
      (window as unknown as { __rrweb?: { record: { addCustomEvent(tag: string, payload: unknown): void } } }).__rrweb?.record.addCustomEvent(tag, { reached: true });
    }, GOAL_REACHED_EVENT);
  }
  return visible;
}
