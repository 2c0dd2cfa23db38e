// Replays one session's rrweb events through the DOM mirror into a `Session`: pages, interactions with
// element descriptors and reactions, mouse trail, errors, outcome. Pure: events in, plain data out.
import { DomMirror, type MirrorNode, type MutationData } from './mirror';
import { describeElement, elementFor } from './describe-element';
import { resolveClickTarget } from './click-target';
import { PageTracker } from './page-tracker';
import { attachReactions, emptyActivity, type WindowActivity } from './reactions';
import { EventType, IncrementalSource, MouseInteraction } from './rrweb-constants';
import { evaluateOutcome } from './outcome';
import type { CustomEvent, ElementDescriptor, Goal, Interaction, InteractionKind, MousePosition, PageVisit, Session, SessionError } from './types';

export interface ReplayEvent {
  type: number;
  timestamp: number;
  // rrweb payloads are heterogeneous; each branch below checks what it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  windowId: string;
}

export interface ReplayInput {
  id: string;
  origin: string;
  events: ReplayEvent[];
}

/**
 * A moment of the replay, for observers that need the DOM as the user saw it (the feature extractor builds the
 * candidate actions of a decision from it). `mirror` and `pages` are live: read them synchronously, never keep or
 * change them.
 */
export interface ReplayMoment {
  windowId: string;
  timestamp: number;
  /** Index into `pages` of the window's current page (for a navigation: the page being left). */
  pageIndex: number;
  pages: readonly PageVisit[];
  mirror: DomMirror;
  /** Node id of the window's current document (root of the last full snapshot), when one was seen. */
  documentId?: number;
}

/** Optional hooks into the replay. They see the state before the event is applied and cannot change the result. */
export interface ReplayObserver {
  /**
   * A click (MouseInteraction.Click), before it is recorded. `target` is the node the replay credits it to: the
   * pressed element (see pressedTarget) resolved to its interactive ancestor (resolveClickTarget); undefined when
   * the node is unknown to the mirror.
   */
  beforeClick?(moment: ReplayMoment & { target?: MirrorNode }): void;
  /** The window is about to open a new page (a full load's Meta event or an SPA URL change) at `url`. */
  beforeNavigation?(moment: ReplayMoment & { url: string }): void;
  /** After the last event, once per window that has a page: the final DOM. */
  atEnd?(moment: ReplayMoment): void;
}

const MAX_ANOMALY_EXAMPLES = 5;
/** A press and its click further apart than this are not one gesture. */
const PRESS_TO_CLICK_MS = 1000;
/** posthog-js and others mark client-side navigations with custom events carrying the new URL. */
const URL_CHANGE_TAGS = new Set(['$pageview', '$url_changed', 'url_changed', '$navigation']);

const INTERACTION_KINDS: Partial<Record<number, InteractionKind>> = {
  [MouseInteraction.Click]: 'click',
  [MouseInteraction.DblClick]: 'dblclick',
  [MouseInteraction.ContextMenu]: 'contextmenu',
  [MouseInteraction.Focus]: 'focus',
  [MouseInteraction.Blur]: 'blur',
  [MouseInteraction.TouchStart]: 'touch',
};

class SessionBuilder {
  private readonly mirrors = new Map<string, DomMirror>();
  /** Typing produces an input event per keystroke on an unchanged DOM: describe each element once. */
  private readonly descriptorCache = new Map<string, { generation: number; descriptor: ElementDescriptor }>();
  private readonly lastMouseDown = new Map<string, { id: number; timestamp: number }>();
  private readonly documentIds = new Map<string, number>();
  readonly activity = new Map<string, WindowActivity>();
  readonly pages = new PageTracker();
  readonly interactions: Interaction[] = [];
  readonly mouse: MousePosition[] = [];
  readonly errors: SessionError[] = [];
  readonly customEvents: CustomEvent[] = [];
  anomalyCount = 0;
  readonly anomalyExamples: string[] = [];

  constructor(private readonly observer?: ReplayObserver) {}

  anomaly(message: string): void {
    this.anomalyCount++;
    if (this.anomalyExamples.length < MAX_ANOMALY_EXAMPLES) this.anomalyExamples.push(message);
  }

  /**
   * A click's target is the common ancestor of where the button went down and up. When the layout moved in
   * between (an error message inserted on blur pushes the button down), that is some container: the element the
   * user pressed is the one they meant.
   */
  private pressedTarget(windowId: string, clickId: number, timestamp: number): number {
    const down = this.lastMouseDown.get(windowId);
    if (!down || down.id === clickId || timestamp - down.timestamp > PRESS_TO_CLICK_MS) return clickId;
    const mirror = this.mirror(windowId);
    for (let node = mirror.get(down.id), depth = 0; node && depth < 64; node = node.parentId !== undefined ? mirror.get(node.parentId) : undefined, depth++) {
      if (node.id === clickId) return down.id;
    }
    return clickId;
  }

  /**
   * `sticky`: keystrokes in a field keep the descriptor the field had, even if the DOM changed meanwhile (React
   * re-renders on each key): a field's identity does not change while someone types in it.
   */
  private describe(windowId: string, node: MirrorNode, sticky = false): ElementDescriptor {
    const mirror = this.mirror(windowId);
    const key = `${windowId}:${node.id}`;
    const cached = this.descriptorCache.get(key);
    if (cached && (sticky || cached.generation === mirror.generation)) return cached.descriptor;
    const descriptor = describeElement(mirror, node);
    this.descriptorCache.set(key, { generation: mirror.generation, descriptor });
    return descriptor;
  }

  private mirror(windowId: string): DomMirror {
    let mirror = this.mirrors.get(windowId);
    if (!mirror) this.mirrors.set(windowId, (mirror = new DomMirror()));
    return mirror;
  }

  private windowActivity(windowId: string): WindowActivity {
    let activity = this.activity.get(windowId);
    if (!activity) this.activity.set(windowId, (activity = emptyActivity()));
    return activity;
  }

  private moment(windowId: string, timestamp: number, pageIndex: number): ReplayMoment {
    return { windowId, timestamp, pageIndex, pages: this.pages.pages, mirror: this.mirror(windowId), documentId: this.documentIds.get(windowId) };
  }

  /** Only when a page is really left: a Meta relabelling the "unknown" placeholder opens nothing (PageTracker.label). */
  private notifyNavigation(windowId: string, timestamp: number, url: string, spa: boolean): void {
    const current = this.pages.currentIndex(windowId);
    if (current === undefined || (!spa && this.pages.pages[current].url === 'unknown:')) return;
    this.observer?.beforeNavigation?.({ ...this.moment(windowId, timestamp, current), url });
  }

  /** Tell the observer about every window's final state. */
  finish(): void {
    if (!this.observer?.atEnd) return;
    for (const windowId of this.mirrors.keys()) {
      const current = this.pages.currentIndex(windowId);
      if (current !== undefined) this.observer.atEnd(this.moment(windowId, this.pages.pages[current].end, current));
    }
  }

  apply(event: ReplayEvent): void {
    const { windowId, timestamp } = event;
    const data = event.data ?? {};
    switch (event.type) {
      case EventType.Meta: {
        const viewport = typeof data.width === 'number' ? { width: data.width, height: data.height } : undefined;
        if (this.observer?.beforeNavigation) this.notifyNavigation(windowId, timestamp, String(data.href ?? 'unknown:'), false);
        this.pages.label(windowId, String(data.href ?? 'unknown:'), timestamp, viewport);
        this.windowActivity(windowId).navigations.push(timestamp);
        break;
      }
      case EventType.FullSnapshot: {
        if (!data.node) return this.anomaly(`full snapshot without a node at ${timestamp}`);
        this.mirror(windowId).loadSnapshot(data.node);
        // Node ids restart with each snapshot: descriptors of the old page must not be reused.
        for (const key of this.descriptorCache.keys()) if (key.startsWith(`${windowId}:`)) this.descriptorCache.delete(key);
        this.documentIds.set(windowId, data.node.id);
        const page = this.pages.ensurePage(windowId, timestamp);
        if (data.initialOffset?.top) this.pages.recordScroll(page, data.initialOffset.top);
        break;
      }
      case EventType.IncrementalSnapshot:
        this.applyIncremental(windowId, timestamp, data);
        break;
      case EventType.Custom:
        this.applyCustom(windowId, timestamp, data);
        break;
      case EventType.Plugin:
        this.applyPlugin(windowId, timestamp, data);
        break;
      default:
        break;
    }
    this.pages.touch(windowId, timestamp);
  }

  private applyCustom(windowId: string, timestamp: number, data: { tag?: string; payload?: Record<string, unknown> }): void {
    const tag = String(data.tag ?? '');
    const payload = data.payload ?? {};
    const href = (payload.href ?? payload.url ?? payload.$current_url) as string | undefined;
    const current = this.pages.currentIndex(windowId);
    if (URL_CHANGE_TAGS.has(tag) && typeof href === 'string' && (current === undefined || this.pages.pages[current].url !== href)) {
      if (this.observer?.beforeNavigation) this.notifyNavigation(windowId, timestamp, href, true);
      this.pages.open(windowId, href, timestamp, 'push');
      this.windowActivity(windowId).navigations.push(timestamp);
    }
    const pageIndex = this.pages.ensurePage(windowId, timestamp);
    this.customEvents.push({ timestamp, tag, payload, pageIndex });
  }

  private applyPlugin(windowId: string, timestamp: number, data: { plugin?: string; payload?: Record<string, unknown> }): void {
    const payload = data.payload ?? {};
    if (data.plugin === 'rrweb/console@1' && payload.level === 'error') {
      this.recordError(windowId, timestamp, payload.payload, 'console');
    } else if (data.plugin === 'rrweb/network@1' && Array.isArray(payload.requests)) {
      for (const request of payload.requests as { responseStatus?: number; status?: number; name?: string; url?: string }[]) {
        const status = request.responseStatus ?? request.status ?? 0;
        if (status >= 500) this.recordError(windowId, timestamp, [`HTTP ${status} ${request.name ?? request.url ?? ''}`], 'network');
      }
    }
  }

  private recordError(windowId: string, timestamp: number, parts: unknown, origin: SessionError['origin']): void {
    const message = (Array.isArray(parts) ? parts : [parts])
      .map((part) => (typeof part === 'string' ? part.replace(/^"|"$/g, '') : JSON.stringify(part)))
      .join(' ')
      .slice(0, 500);
    const isUncaught = /uncaught|error:/i.test(message);
    this.errors.push({ timestamp, windowId, message, origin: origin === 'console' && isUncaught ? 'exception' : origin, pageIndex: this.pages.ensurePage(windowId, timestamp) });
  }

  private applyIncremental(windowId: string, timestamp: number, data: Record<string, unknown> & { source?: number }): void {
    const activity = this.windowActivity(windowId);
    switch (data.source) {
      case IncrementalSource.Mutation: {
        const mirror = this.mirror(windowId);
        const before = mirror.anomalies.length;
        mirror.applyMutation(data as MutationData);
        for (const message of mirror.anomalies.splice(before)) this.anomaly(message);
        activity.mutations.push(timestamp);
        break;
      }
      case IncrementalSource.MouseMove:
      case IncrementalSource.TouchMove:
      case IncrementalSource.Drag: {
        const pageIndex = this.pages.ensurePage(windowId, timestamp);
        for (const p of (data.positions as { x: number; y: number; timeOffset?: number }[] | undefined) ?? []) {
          this.mouse.push({ timestamp: timestamp + (p.timeOffset ?? 0), x: p.x, y: p.y, pageIndex });
        }
        break;
      }
      case IncrementalSource.MouseInteraction:
        this.applyMouseInteraction(windowId, timestamp, data as { type: number; id: number; x?: number; y?: number });
        break;
      case IncrementalSource.Scroll: {
        activity.scrolls.push(timestamp);
        const pageIndex = this.pages.ensurePage(windowId, timestamp);
        const target = this.mirror(windowId).get(data.id as number);
        const isDocument = data.id === this.documentIds.get(windowId) || target?.tag === 'html' || target?.tag === 'body';
        if (isDocument) {
          this.pages.recordScroll(pageIndex, Number(data.y) || 0);
          this.interactions.push({ kind: 'scroll', timestamp, windowId, pageIndex, scrollY: Number(data.y) || 0 });
        }
        break;
      }
      case IncrementalSource.ViewportResize:
        this.pages.resize(windowId, Number(data.width), Number(data.height));
        break;
      case IncrementalSource.Input: {
        const pageIndex = this.pages.ensurePage(windowId, timestamp);
        const node = elementFor(this.mirror(windowId), data.id as number);
        if (!node) this.anomaly(`input on unknown node ${String(data.id)}`);
        this.interactions.push({
          kind: 'input',
          timestamp,
          windowId,
          pageIndex,
          element: node ? this.describe(windowId, node, true) : undefined,
          valueLength: typeof data.text === 'string' ? data.text.length : undefined,
          checked: typeof data.isChecked === 'boolean' ? data.isChecked : undefined,
        });
        break;
      }
      case IncrementalSource.Selection:
        activity.selections.push(timestamp);
        break;
      case IncrementalSource.Log: {
        const payload = data as { level?: string; payload?: unknown };
        if (payload.level === 'error') this.recordError(windowId, timestamp, payload.payload, 'console');
        break;
      }
      default:
        break;
    }
  }

  private applyMouseInteraction(windowId: string, timestamp: number, data: { type: number; id: number; x?: number; y?: number }): void {
    const kind = INTERACTION_KINDS[data.type];
    if (typeof data.x === 'number' && typeof data.y === 'number') {
      this.mouse.push({ timestamp, x: data.x, y: data.y, pageIndex: this.pages.ensurePage(windowId, timestamp) });
    }
    if (data.type === MouseInteraction.MouseDown) this.lastMouseDown.set(windowId, { id: data.id, timestamp });
    if (!kind) return;
    const pageIndex = this.pages.ensurePage(windowId, timestamp);
    const mirror = this.mirror(windowId);
    const target = elementFor(mirror, kind === 'click' ? this.pressedTarget(windowId, data.id, timestamp) : data.id);
    if (!target) this.anomaly(`${kind} on unknown node ${data.id} at ${timestamp}`);
    const isPointer = kind === 'click' || kind === 'dblclick' || kind === 'contextmenu' || kind === 'touch';
    const credited = target && isPointer ? resolveClickTarget(mirror, target) : target;
    if (kind === 'click' && this.observer?.beforeClick) this.observer.beforeClick({ ...this.moment(windowId, timestamp, pageIndex), target: credited });
    const element = credited ? this.describe(windowId, credited) : undefined;
    if (kind === 'focus') this.windowActivity(windowId).focuses.push(timestamp);
    this.interactions.push({ kind, timestamp, windowId, pageIndex, element, x: data.x, y: data.y });
  }
}

/**
 * Replay a session's events (sorted by timestamp) into a Session. `observer` (optional) is told about clicks and
 * navigations with the DOM of that moment; the Session is the same with or without it.
 */
export function buildSession(input: ReplayInput, goal?: Goal, observer?: ReplayObserver): Session {
  const builder = new SessionBuilder(observer);
  for (const event of input.events) builder.apply(event);
  builder.finish();
  attachReactions(builder.interactions, builder.activity);
  const start = input.events.length > 0 ? input.events[0].timestamp : 0;
  const end = input.events.length > 0 ? input.events[input.events.length - 1].timestamp : 0;
  const session: Session = {
    id: input.id,
    origin: input.origin,
    start,
    end,
    pages: builder.pages.pages,
    interactions: builder.interactions,
    mouse: builder.mouse.sort((a, b) => a.timestamp - b.timestamp),
    errors: builder.errors,
    customEvents: builder.customEvents,
    outcome: { converted: false },
    anomalies: { count: builder.anomalyCount, examples: builder.anomalyExamples },
    eventCount: input.events.length,
  };
  session.outcome = evaluateOutcome(session, goal);
  return session;
}
