// The left list: synthetic runs (when any exist) and real sessions grouped by the report's hotspots, each with
// its outcome when known. Selecting one asks the host for its detail.
import type { HostMessage, RecordingSource, SessionGroup, SessionListItem } from './protocol';
import { el, clear } from './elements';
import { KIND_LABEL } from './format';

export type SessionsMessage = Extract<HostMessage, { type: 'sessions' }>;

export interface SidebarListener {
  onOpen(source: RecordingSource, sessionId: string, timestamp?: number): void;
  onToggleGroup(hotspotId: string, collapsed: boolean): void;
}

export interface Selection {
  source: RecordingSource;
  sessionId: string;
}

function outcomeBadge(item: SessionListItem): HTMLElement {
  if (!item.outcome) return el('span', { className: 'outcome unknown', title: 'Outcome known once replayed' }, '—');
  if (item.outcome.converted) return el('span', { className: 'outcome converted', data: { testid: 'outcome' } }, 'converted');
  const where = item.outcome.lastPath ? `left on ${item.outcome.lastPath}` : 'not converted';
  return el('span', { className: 'outcome dropped', data: { testid: 'outcome' }, title: where }, where);
}

function isSelected(selected: Selection | undefined, source: RecordingSource, id: string): boolean {
  return selected?.source === source && selected.sessionId === id;
}

function groupView(group: SessionGroup, selected: Selection | undefined, collapsed: boolean, listener: SidebarListener): HTMLElement {
  const details = el('details', { className: 'group', data: { testid: 'session-group', hotspotId: group.hotspotId, kind: group.kind } });
  details.open = !collapsed;
  details.addEventListener('toggle', () => listener.onToggleGroup(group.hotspotId, !details.open));
  const title = group.element ? `${group.element}` : group.page;
  details.append(
    el(
      'summary',
      { className: 'group-summary', title: `${KIND_LABEL[group.kind]} on ${group.page}${group.source ? ` · ${group.source}` : ''}` },
      el('span', { className: `kind-dot kind-${group.kind}` }),
      el('span', { className: 'group-kind' }, KIND_LABEL[group.kind]),
      el('span', { className: 'group-title' }, title),
      el('span', { className: 'group-count badge', title: `${group.sessions} affected sessions` }, String(group.sessions)),
    ),
    el('div', { className: 'group-sub muted' }, group.element ? el('span', {}, group.page) : null, group.source ? el('span', { className: 'group-source' }, group.source) : null),
    el(
      'ul',
      { className: 'items' },
      ...group.items.map((item) => {
        const active = isSelected(selected, 'session', item.sessionId);
        return el(
          'li',
          {},
          el(
            'button',
            {
              className: `item${active ? ' selected' : ''}`,
              data: { testid: 'session-item', sessionId: item.sessionId },
              attrs: { 'aria-selected': String(active) },
              title: `Replay ${item.sessionId} from this ${KIND_LABEL[group.kind].toLowerCase()}`,
              onClick: () => listener.onOpen('session', item.sessionId, item.timestamp),
            },
            el('span', { className: 'item-id' }, item.sessionId),
            outcomeBadge(item),
          ),
        );
      }),
    ),
  );
  return details;
}

export function renderSidebar(root: HTMLElement, list: SessionsMessage | undefined, selected: Selection | undefined, collapsed: ReadonlySet<string>, listener: SidebarListener): void {
  const scroll = root.scrollTop;
  clear(root);
  const summary = list ? `${list.totalSessions} sessions${list.goal ? ` · goal ${list.goal}` : ''}` : 'Loading…';
  root.append(el('header', { className: 'sidebar-header' }, el('h1', {}, 'Friction Lens'), el('div', { className: 'muted' }, summary)));
  if (!list) return;

  const runs = el('section', { className: 'section', data: { testid: 'runs-section' } }, el('h2', {}, 'Synthetic runs'));
  if (list.runs.length === 0) runs.append(el('p', { className: 'muted empty' }, 'None yet: runs appear here when .friction/runs/ has some.'));
  else {
    runs.append(
      el(
        'ul',
        { className: 'items' },
        ...list.runs.map((run) => {
          const active = isSelected(selected, 'run', run.runId);
          return el(
            'li',
            {},
            el(
              'button',
              { className: `item${active ? ' selected' : ''}`, data: { testid: 'run-item', runId: run.runId }, title: run.file, onClick: () => listener.onOpen('run', run.runId) },
              el('span', { className: 'item-id' }, run.label),
              run.description ? el('span', { className: 'outcome' }, run.description) : null,
            ),
          );
        }),
      ),
    );
  }

  const sessions = el('section', { className: 'section', data: { testid: 'sessions-section' } }, el('h2', {}, 'Sessions by friction'));
  if (list.notice) sessions.append(el('p', { className: 'muted empty', data: { testid: 'notice' } }, list.notice));
  else if (list.groups.length === 0) sessions.append(el('p', { className: 'muted empty' }, 'No friction found in the analysed sessions.'));
  for (const group of list.groups) sessions.append(groupView(group, selected, collapsed.has(group.hotspotId), listener));
  root.append(runs, sessions);
  root.scrollTop = scroll;
}
