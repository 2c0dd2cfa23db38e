// Plain data produced by replaying an rrweb event stream: the `Session` every later stage reads.
// A newcomer should understand the replay output from this file alone.

/** An element's layout box in CSS pixels of the page (document coordinates when known). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One ancestor on the path from the element up to <body>, nearest first. */
export interface AncestorDescriptor {
  tag: string;
  id?: string;
  classes: string[];
  testId?: string;
  role?: string;
}

/**
 * What we know about a DOM element at the moment of an interaction, rebuilt from the rrweb mirror.
 * `attributes` keeps the identifying attributes verbatim (id, class, data-*, name, type, role, aria-*, href,
 * placeholder, title, for); the named fields are convenient copies.
 */
export interface ElementDescriptor {
  tag: string;
  id?: string;
  classes: string[];
  testId?: string;
  /** data-* attributes other than data-testid, e.g. data-attr (PostHog's convention). */
  dataAttributes: Record<string, string>;
  name?: string;
  type?: string;
  role?: string;
  ariaLabel?: string;
  href?: string;
  /** Trimmed, whitespace-collapsed visible text (at most 200 chars); masked text stays masked ("***"). */
  text?: string;
  attributes: Record<string, string>;
  /** Nearest first, up to and excluding <html>. */
  ancestors: AncestorDescriptor[];
  /** A CSS selector that identifies the element (id / testid when present, else a tag.class path with :nth-of-type). */
  selector: string;
  box?: Box;
  /** Stable across sessions and page loads: hash of the identifying parts (not of volatile ids or positions). */
  fingerprint: string;
}

/** What happened on the page after a click, in ms after it (undefined: not within the observation window). */
export interface ClickReaction {
  mutationMs?: number;
  scrollMs?: number;
  navigationMs?: number;
  selectionMs?: number;
  /** An input or focus change caused by the click (e.g. clicking a label focuses its field). */
  focusMs?: number;
}

export type InteractionKind =
  | 'click'
  | 'dblclick'
  | 'contextmenu'
  | 'input'
  | 'focus'
  | 'blur'
  | 'scroll'
  | 'touch';

export interface Interaction {
  kind: InteractionKind;
  timestamp: number;
  windowId: string;
  /** Index into `Session.pages` of the page this happened on. */
  pageIndex: number;
  element?: ElementDescriptor;
  /** Viewport coordinates for pointer interactions. */
  x?: number;
  y?: number;
  /** Input value length (never the value itself: inputs may hold PII). */
  valueLength?: number;
  checked?: boolean;
  /** Scroll position after a scroll interaction. */
  scrollY?: number;
  reaction?: ClickReaction;
}

export interface MousePosition {
  timestamp: number;
  x: number;
  y: number;
  pageIndex: number;
}

export interface PageScrollStats {
  /** Deepest scrollY seen (document scroll), px. */
  maxScrollY: number;
  /** Total vertical distance scrolled, px. */
  distance: number;
  /** Number of times the vertical scroll direction flipped. */
  directionChanges: number;
}

export interface PageVisit {
  url: string;
  /** URL path without query or hash, e.g. "/product/7". */
  path: string;
  /** The path with volatile segments folded, e.g. "/product/:id": what hotspots group by. */
  route: string;
  windowId: string;
  start: number;
  end: number;
  viewport?: { width: number; height: number };
  scroll: PageScrollStats;
  /** How the page was reached. */
  navigation: 'load' | 'push' | 'back' | 'unknown';
}

export interface SessionError {
  timestamp: number;
  windowId: string;
  message: string;
  origin: 'console' | 'exception' | 'network';
  pageIndex: number;
}

export interface CustomEvent {
  timestamp: number;
  tag: string;
  payload: unknown;
  pageIndex: number;
}

export interface SessionOutcome {
  converted: boolean;
  /** When the goal was reached. */
  convertedAt?: number;
  /** Path of the last page of a non-converting session. */
  lastPath?: string;
}

export interface Session {
  id: string;
  /** File (or URL) the events came from, for error messages and links. */
  origin: string;
  start: number;
  end: number;
  pages: PageVisit[];
  interactions: Interaction[];
  mouse: MousePosition[];
  errors: SessionError[];
  customEvents: CustomEvent[];
  outcome: SessionOutcome;
  /** Events the mirror could not apply (unknown parents, unknown ids): counted, never fatal. */
  anomalies: { count: number; examples: string[] };
  eventCount: number;
}

/** How a session's success is recognised. */
export type Goal =
  | { kind: 'url'; pattern: string | RegExp }
  | { kind: 'selector'; selector: string }
  | { kind: 'custom_event'; name: string };
