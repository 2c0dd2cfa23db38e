// Error clicks (Datadog RUM: a click "right before a JavaScript error occurs"; FullStory likewise): a click
// followed, in the same window, by an uncaught exception or console error within windowMs.
import type { Session } from '../replay/types';
import { clicksOf, routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface ErrorClickOptions {
  /** Errors thrown by a click handler are synchronous; 1 s also covers a promise rejected right after. */
  windowMs: number;
  /** Count console.error calls, not only uncaught exceptions. */
  includeConsoleErrors: boolean;
}

export const errorClickDetector: SignalDetector<ErrorClickOptions> = {
  kind: 'error_click',
  defaults: { windowMs: 1000, includeConsoleErrors: true },
  detect(session: Session, options: ErrorClickOptions): Signal[] {
    const errors = session.errors.filter((e) => options.includeConsoleErrors || e.origin === 'exception');
    const signals: Signal[] = [];
    const clicks = clicksOf(session);
    const claimed = new Set<number>();
    clicks.forEach((click, i) => {
      const next = clicks[i + 1];
      const error = errors.find(
        (e, index) =>
          !claimed.has(index) &&
          e.windowId === click.windowId &&
          e.timestamp >= click.timestamp &&
          e.timestamp - click.timestamp <= options.windowMs &&
          // The error belongs to the latest click before it.
          (!next || next.windowId !== click.windowId || e.timestamp < next.timestamp),
      );
      if (!error) return;
      claimed.add(errors.indexOf(error));
      signals.push({
        kind: 'error_click',
        sessionId: session.id,
        timestamp: click.timestamp,
        page: routeAt(session, click.pageIndex),
        element: click.element,
        details: { errorDelayMs: error.timestamp - click.timestamp, error: error.message.slice(0, 200), origin: error.origin },
      });
    });
    return signals;
  },
};
