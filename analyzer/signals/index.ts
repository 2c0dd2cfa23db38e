// The registry of friction detectors: the pipeline iterates it. Adding a signal = one file + one line here.
import { rageClickDetector } from './rage-click';
import { deadClickDetector } from './dead-click';
import { errorClickDetector } from './error-click';
import { thrashedCursorDetector } from './thrashed-cursor';
import { hesitationDetector } from './hesitation';
import { formAbandonmentDetector } from './form-abandonment';
import { quickBackDetector } from './quick-back';
import { excessiveScrollDetector } from './excessive-scroll';
import { dropOffDetector } from './drop-off';
import type { CorpusBaseline, Signal, SignalDetector, SignalKind } from './types';
import type { Session } from '../replay/types';

export const DETECTORS: readonly SignalDetector<object>[] = [
  rageClickDetector,
  deadClickDetector,
  errorClickDetector,
  thrashedCursorDetector,
  hesitationDetector,
  formAbandonmentDetector,
  quickBackDetector,
  excessiveScrollDetector,
  dropOffDetector,
] as SignalDetector<object>[];

/** Per-kind option overrides, e.g. { rage_click: { clickCount: 4 } }. */
export type DetectorOverrides = Partial<Record<SignalKind, Record<string, number | boolean | string[]>>>;

export interface DetectOptions {
  overrides?: DetectorOverrides;
  /** Kinds to run; default all. drop_off needs a goal, so the pipeline leaves it out without one. */
  kinds?: readonly SignalKind[];
}

function optionsFor(detector: SignalDetector<object>, overrides?: DetectorOverrides): object {
  return { ...detector.defaults, ...(overrides?.[detector.kind] ?? {}) };
}

function activeDetectors(options: DetectOptions): SignalDetector<object>[] {
  return DETECTORS.filter((d) => !options.kinds || options.kinds.includes(d.kind));
}

/** Run every detector on one session: final signals plus candidates awaiting the corpus baseline. */
export function detectSignals(session: Session, options: DetectOptions = {}): Signal[] {
  return activeDetectors(options).flatMap((d) => d.detect(session, optionsFor(d, options.overrides)));
}

/** Apply baseline-relative filters once every session has been seen. */
export function refineSignals(signals: Signal[], baseline: CorpusBaseline, options: DetectOptions = {}): Signal[] {
  const out: Signal[] = [];
  for (const detector of activeDetectors(options)) {
    const ofKind = signals.filter((s) => s.kind === detector.kind);
    out.push(...(detector.refine ? detector.refine(ofKind, baseline, optionsFor(detector, options.overrides)) : ofKind));
  }
  return out;
}

export { BaselineAccumulator } from './baseline';
export type * from './types';
