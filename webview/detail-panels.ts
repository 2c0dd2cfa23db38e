// The panels under the timeline: the session's friction markers (with their source links), its steps through
// the site ending in its outcome, and the conversion funnel of all analysed sessions with this session's path.
import type { SessionDetail } from '../analyzer/report/session-detail-types';
import type { FunnelStep, SourceLink } from './protocol';
import { el } from './elements';
import { formatDuration, formatPercent, KIND_LABEL } from './format';
import type { TimelineMarker, TimelineModel } from './timeline';

export interface DetailListener {
  onMarker(marker: TimelineMarker): void;
  onSeek(offsetMs: number): void;
  onSource(hotspotId: string): void;
}

function sourceName(link: SourceLink): string {
  return `${link.file.split('/').pop()}:${link.line}`;
}

export function markerList(model: TimelineModel, sources: Record<string, SourceLink>, listener: DetailListener): HTMLElement {
  if (model.markers.length === 0) return el('p', { className: 'muted', data: { testid: 'no-markers' } }, 'No friction detected in this session.');
  const rows = model.markers.map((marker) => {
    const { signal } = marker;
    const link = sources[signal.hotspotId];
    const element = signal.element?.text?.trim() || signal.element?.selector || '';
    return el(
      'li',
      { className: 'marker-row', data: { testid: 'marker-row', kind: signal.kind, hotspotId: signal.hotspotId } },
      el('button', { className: 'marker-time', title: 'Play from here', onClick: () => listener.onMarker(marker) }, formatDuration(marker.offsetMs)),
      el('span', { className: `kind-badge kind-${signal.kind}` }, KIND_LABEL[signal.kind]),
      el('span', { className: 'marker-element', title: signal.element?.selector ?? signal.page }, element || signal.page),
      el('span', { className: 'marker-page muted' }, signal.page),
      link
        ? el('a', {
            className: 'source-link',
            data: { testid: 'source-link' },
            attrs: { href: '#', title: `Open ${link.file}:${link.line}${link.component ? ` (${link.component})` : ''}, confidence ${formatPercent(link.confidence)}` },
            onClick: (event) => {
              event.preventDefault();
              listener.onSource(signal.hotspotId);
            },
          }, sourceName(link))
        : el('span', { className: 'muted source-none', title: 'The report maps no source line for this friction' }, 'no source'),
    );
  });
  return el('ol', { className: 'marker-list', data: { testid: 'marker-list' } }, ...rows);
}

export function sessionSteps(detail: SessionDetail, model: TimelineModel, listener: DetailListener): HTMLElement {
  const steps = model.pages.map((page) => {
    const visit = detail.pages[page.index];
    const count = model.markers.filter((m) => m.signal.timestamp >= visit.start && m.signal.timestamp <= visit.end && m.signal.page === visit.route).length;
    return el(
      'li',
      { className: 'step', data: { testid: 'session-step', pageIndex: String(page.index) } },
      el(
        'button',
        { className: 'step-button', title: `${visit.path} · play from ${formatDuration(page.offsetMs)}`, onClick: () => listener.onSeek(page.offsetMs) },
        el('span', { className: 'step-route' }, visit.route),
        el('span', { className: 'step-meta muted' }, formatDuration(visit.end - visit.start)),
        count > 0 ? el('span', { className: 'step-count', title: `${count} friction marker(s)` }, String(count)) : null,
      ),
    );
  });
  const outcome = detail.outcome.converted
    ? el('li', { className: 'step step-outcome converted', data: { testid: 'session-outcome' } }, '✓ Converted')
    : el('li', { className: 'step step-outcome dropped', data: { testid: 'session-outcome' } }, detail.goal ? `✗ Left on ${detail.outcome.lastPath ?? '?'}` : 'No goal set');
  return el('ol', { className: 'steps', data: { testid: 'session-steps' } }, ...steps, outcome);
}

export function funnelChart(funnel: FunnelStep[], detail: SessionDetail | undefined): HTMLElement {
  if (funnel.length === 0) return el('p', { className: 'muted' }, 'Set a conversion goal (frictionLens.goal) to see the funnel.');
  const widest = Math.max(1, ...funnel.map((s) => s.sessions));
  const visited = new Set(detail?.pages.map((p) => p.route) ?? []);
  const rows = funnel.map((step) => {
    const bar = el('div', { className: `funnel-bar${step.goal ? ' goal' : ''}` });
    bar.style.width = `${(step.sessions / widest) * 100}%`;
    const drop = el('div', { className: 'funnel-drop', title: `${step.dropOffs} sessions ended here without converting` });
    drop.style.left = `${((step.sessions - step.dropOffs) / widest) * 100}%`;
    drop.style.width = `${(step.dropOffs / widest) * 100}%`;
    const mine = step.goal ? detail?.outcome.converted : visited.has(step.route);
    return el(
      'li',
      { className: `funnel-step${mine ? ' visited' : ''}`, data: { testid: 'funnel-step', route: step.route } },
      el('span', { className: 'funnel-route', title: step.goal ? `Goal: ${step.route}` : step.route }, step.goal ? `✓ ${step.route}` : step.route),
      el('div', { className: 'funnel-bars' }, bar, drop),
      el('span', { className: 'funnel-figures muted', title: `${step.sessions} sessions${step.dropOffs ? `, ${step.dropOffs} of them left here` : ''}` }, step.goal ? `${step.sessions} converted` : step.dropOffs ? `${step.sessions} · ${step.dropOffs} left` : String(step.sessions)),
    );
  });
  return el('ol', { className: 'funnel', data: { testid: 'funnel' } }, ...rows);
}
