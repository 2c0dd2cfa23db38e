// Friction signals: what a detector reports about one session.
import type { ElementDescriptor, Session } from '../replay/types';

export type SignalKind =
  | 'rage_click'
  | 'dead_click'
  | 'error_click'
  | 'thrashed_cursor'
  | 'hesitation'
  | 'form_abandonment'
  | 'quick_back'
  | 'excessive_scroll'
  | 'drop_off';

export const SIGNAL_KINDS: readonly SignalKind[] = [
  'rage_click',
  'dead_click',
  'error_click',
  'thrashed_cursor',
  'hesitation',
  'form_abandonment',
  'quick_back',
  'excessive_scroll',
  'drop_off',
];

export interface Signal {
  kind: SignalKind;
  sessionId: string;
  timestamp: number;
  /** Route (path with ids folded, e.g. "/product/:id") the signal belongs to. */
  page: string;
  /** The element the friction is about; page-level signals may lack one. */
  element?: ElementDescriptor;
  /** Numbers behind the decision (click count, delays, distances), for hovers and debugging. */
  details: Record<string, number | string | boolean>;
}

/** Per-route medians over every session analysed: what "typical" means for relative detectors. */
export interface RouteBaseline {
  sessions: number;
  medianDwellMs: number;
  medianScrollDistance: number;
  medianDirectionChanges: number;
  /** Median idle time before an action on this route. */
  medianActionGapMs: number;
}

export interface CorpusBaseline {
  routes: Record<string, RouteBaseline>;
}

/**
 * One detector per file. `detect` sees a single session (so sessions stream through with bounded memory);
 * detectors whose definition is relative to the page's norm (Clarity's excessive scrolling, hesitation)
 * emit candidates with their measurement, and `refine` keeps those past the corpus baseline at the end.
 */
export interface SignalDetector<Options extends object = object> {
  kind: SignalKind;
  /** Documented defaults; each names its source in the detector's file. */
  defaults: Options;
  detect(session: Session, options: Options): Signal[];
  refine?(candidates: Signal[], baseline: CorpusBaseline, options: Options): Signal[];
}
