// The step timeline under the replay: page visits as segments, friction markers and console errors placed by
// time. `timelineModel` is the geometry (pure); `Timeline` draws it and turns clicks into seeks.
import type { SessionDetail, SessionDetailSignal } from '../analyzer/report/session-detail-types';
import { el, clear } from './elements';
import { formatDuration, KIND_LABEL } from './format';

export interface TimelineMarker {
  /** Index into detail.signals. */
  index: number;
  signal: SessionDetailSignal;
  /** ms from the replay's start. */
  offsetMs: number;
  /** 0..1 along the track. */
  position: number;
}

export interface TimelineModel {
  totalTime: number;
  pages: { index: number; route: string; left: number; width: number; offsetMs: number }[];
  markers: TimelineMarker[];
  errors: { position: number; message: string; offsetMs: number }[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** Page segments narrower than this share of the track show no route label. */
const MIN_LABELLED_WIDTH = 0.04;

/** Positions relative to the replayed window's time span (startTime .. startTime + totalTime). */
export function timelineModel(detail: SessionDetail, windowId: string, startTime: number, totalTime: number): TimelineModel {
  const span = Math.max(1, totalTime);
  const at = (t: number) => clamp01((t - startTime) / span);
  const windowPages = new Set(detail.pages.map((p, i) => (p.windowId === windowId ? i : -1)).filter((i) => i >= 0));
  return {
    totalTime,
    pages: detail.pages
      .map((p, index) => ({ p, index }))
      .filter(({ index }) => windowPages.has(index))
      .map(({ p, index }) => ({ index, route: p.route, left: at(p.start), width: Math.max(0, at(p.end) - at(p.start)), offsetMs: Math.max(0, p.start - startTime) })),
    markers: detail.signals.map((signal, index) => ({ index, signal, offsetMs: Math.max(0, signal.timestamp - startTime), position: at(signal.timestamp) })),
    errors: detail.errors.filter((e) => e.windowId === windowId).map((e) => ({ position: at(e.timestamp), message: e.message, offsetMs: Math.max(0, e.timestamp - startTime) })),
  };
}

export interface TimelineListener {
  onSeek(offsetMs: number): void;
  onMarker(marker: TimelineMarker): void;
}

export function markerLabel(signal: SessionDetailSignal): string {
  const element = signal.element?.text?.trim() || signal.element?.selector;
  return element ? `${KIND_LABEL[signal.kind]}: ${element}` : `${KIND_LABEL[signal.kind]} on ${signal.page}`;
}

export class Timeline {
  private model: TimelineModel | undefined;
  private readonly track = el('div', { className: 'timeline-track', data: { testid: 'timeline-track' }, attrs: { role: 'slider', 'aria-label': 'Replay position', tabindex: '0' } });
  private readonly cursor = el('div', { className: 'timeline-cursor' });

  constructor(
    private readonly root: HTMLElement,
    private readonly listener: TimelineListener,
  ) {
    this.track.addEventListener('click', (event) => {
      if (!this.model || (event.target as HTMLElement).closest('.timeline-marker')) return;
      const box = this.track.getBoundingClientRect();
      this.listener.onSeek(clamp01((event.clientX - box.left) / box.width) * this.model.totalTime);
    });
  }

  render(model: TimelineModel): void {
    this.model = model;
    clear(this.track);
    clear(this.root);
    for (const page of model.pages) {
      // Too narrow to read: the route is in the tooltip only.
      const label = page.width >= MIN_LABELLED_WIDTH ? el('span', {}, page.route) : null;
      const segment = el('div', { className: 'timeline-page', title: `${page.route} · ${formatDuration(page.offsetMs)}`, data: { pageIndex: String(page.index) } }, label);
      segment.style.left = `${page.left * 100}%`;
      segment.style.width = `${page.width * 100}%`;
      this.track.append(segment);
    }
    for (const error of model.errors) {
      const tick = el('div', { className: 'timeline-error', title: `Console error at ${formatDuration(error.offsetMs)}: ${error.message}` });
      tick.style.left = `${error.position * 100}%`;
      this.track.append(tick);
    }
    for (const marker of model.markers) {
      const button = el('button', {
        className: `timeline-marker kind-${marker.signal.kind}`,
        title: `${markerLabel(marker.signal)} · ${formatDuration(marker.offsetMs)}`,
        data: { testid: 'friction-marker', kind: marker.signal.kind, hotspotId: marker.signal.hotspotId },
        attrs: { 'aria-label': `${markerLabel(marker.signal)} at ${formatDuration(marker.offsetMs)}` },
        onClick: () => this.listener.onMarker(marker),
      });
      button.style.left = `${marker.position * 100}%`;
      this.track.append(button);
    }
    this.track.append(this.cursor);
    this.root.append(this.track);
    this.setTime(0);
  }

  setTime(offsetMs: number): void {
    if (!this.model) return;
    const position = clamp01(offsetMs / Math.max(1, this.model.totalTime));
    this.cursor.style.left = `${position * 100}%`;
    this.track.setAttribute('aria-valuenow', String(Math.round(offsetMs)));
  }
}
