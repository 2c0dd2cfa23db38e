// What the aggregate stages need from one session, and nothing more: its summary, its signal candidates and its
// baseline samples. Small and structured-cloneable, so worker threads can produce it.
import type { Session } from '../replay/types';
import { detectSignals, type DetectOptions } from '../signals';
import { samplesOf, type SessionSamples } from '../signals/baseline';
import type { Signal } from '../signals/types';
import type { SessionSummary } from '../hotspots';
import { sessionBehaviour } from '../features/session-features';
import { frictionMoments } from '../features/outcome-rows';

export interface SessionDigest {
  summary: SessionSummary;
  events: number;
  candidates: Signal[];
  samples: SessionSamples;
}

export function digestSession(session: Session, detect: DetectOptions): SessionDigest {
  const candidates = detectSignals(session, detect);
  const convertedAt = session.outcome.converted ? session.outcome.convertedAt : undefined;
  return {
    summary: {
      id: session.id,
      converted: session.outcome.converted,
      routes: session.pages.map((p) => p.route),
      pageStarts: session.pages.map((p) => p.start),
      behaviour: sessionBehaviour(session),
      convertedAt,
      moments: frictionMoments(candidates, convertedAt).map((at) => ({ at, behaviour: sessionBehaviour(session, { until: at + 1 }) })),
    },
    events: session.eventCount,
    candidates,
    samples: samplesOf(session),
  };
}
