// What the aggregate stages need from one session, and nothing more: its summary, its signal candidates and its
// baseline samples. Small and structured-cloneable, so worker threads can produce it.
import type { Session } from '../replay/types';
import { detectSignals, type DetectOptions } from '../signals';
import { samplesOf, type SessionSamples } from '../signals/baseline';
import type { Signal } from '../signals/types';
import type { SessionSummary } from '../hotspots';

export interface SessionDigest {
  summary: SessionSummary;
  events: number;
  candidates: Signal[];
  samples: SessionSamples;
}

export function digestSession(session: Session, detect: DetectOptions): SessionDigest {
  return {
    summary: { id: session.id, converted: session.outcome.converted, routes: session.pages.map((p) => p.route) },
    events: session.eventCount,
    candidates: detectSignals(session, detect),
    samples: samplesOf(session),
  };
}
