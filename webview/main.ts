// The replay webview: runs and sessions on the left; on the right the rrweb replay of the selected one, its
// timeline with friction markers, its steps and the funnel. Talks to the host only through protocol.ts and
// keeps what it shows in getState/setState, so a hidden panel comes back where it was.
import type { eventWithTime } from '@rrweb/types';
import type { SessionDetail } from '../analyzer/report/session-detail-types';
import { isHostMessage, type HostMessage, type RecordingSource, type RunExtras, type SourceLink, type ViewMessage } from './protocol';
import { el, clear } from './elements';
import { formatDuration } from './format';
import { ReplayPlayer, type LoadedRecording } from './player';
import { Timeline, timelineModel, type TimelineMarker, type TimelineModel } from './timeline';
import { funnelChart, markerList, sessionSteps, type DetailListener } from './detail-panels';
import { renderSidebar, type Selection, type SessionsMessage } from './sidebar';

interface ViewState {
  selected?: Selection;
  /** Epoch ms the replay was at. */
  timestamp?: number;
  speed: number;
  skipInactive: boolean;
  collapsed: string[];
}

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): Partial<ViewState> | undefined;
  setState(state: ViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const SPEEDS = [0.5, 1, 2, 4, 8];
/** Replays started at a friction moment begin this much earlier, so the user sees what led to it. */
const LEAD_IN_MS = 2000;
/** The replay position is saved at most this often while playing. */
const SAVE_INTERVAL_MS = 1000;

const vscode = acquireVsCodeApi();
let state: ViewState = { speed: 1, skipInactive: false, collapsed: [], ...vscode.getState() };
let list: SessionsMessage | undefined;
let current: { source: RecordingSource; detail: SessionDetail; sources: Record<string, SourceLink>; windowId: string; recording: LoadedRecording; model: TimelineModel; run?: RunExtras } | undefined;
let lastSave = 0;

function save(patch: Partial<ViewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

const post = (message: ViewMessage) => vscode.postMessage(message);

// Layout: built once; parts are re-rendered into their containers.
const app = document.getElementById('app') as HTMLElement;
const sidebar = el('aside', { className: 'sidebar', data: { testid: 'sidebar' } });
const title = el('h2', { className: 'detail-title', data: { testid: 'session-title' } }, 'Replay');
const meta = el('div', { className: 'detail-meta muted' });
const windowSelect = el('select', { className: 'window-select', title: 'Browser window (tab) to replay' });
const banner = el('div', { className: 'banner', data: { testid: 'banner' }, attrs: { role: 'status' } });
const stage = el('div', { className: 'stage', data: { testid: 'replay-stage' } });
const playButton = el('button', { className: 'primary play', data: { testid: 'play' }, onClick: () => togglePlay() }, 'Play');
const timeLabel = el('span', { className: 'time', data: { testid: 'time' } }, '0:00 / 0:00');
const speedSelect = el('select', { className: 'speed', title: 'Playback speed', data: { testid: 'speed' } }, ...SPEEDS.map((s) => el('option', { attrs: { value: String(s) } }, `${s}×`)));
const skipInput = el('input', { attrs: { type: 'checkbox' } });
const timelineRoot = el('div', { className: 'timeline', data: { testid: 'timeline' } });
const markersRoot = el('div', { className: 'panel-body' });
const stepsRoot = el('div', { className: 'panel-body' });
const funnelRoot = el('div', { className: 'panel-body' });
const funnelTitle = el('h3', {}, 'Funnel · all sessions');
const screenshotsRoot = el('div', { className: 'panel-body screenshots', data: { testid: 'screenshots' } });
const screenshotsPanel = el('section', { className: 'panel hidden' }, el('h3', {}, 'Screenshots'), screenshotsRoot);
const empty = el('div', { className: 'empty-state', data: { testid: 'empty-state' } }, 'Select a session or a run to replay it.');
const detailBody = el(
  'div',
  { className: 'detail-body hidden' },
  el('header', { className: 'detail-header' }, el('div', {}, title, meta), windowSelect),
  el('div', { className: 'stage-frame' }, stage),
  el('div', { className: 'controls' }, playButton, timeLabel, speedSelect, el('label', { className: 'skip', title: 'Skip stretches where the user did nothing' }, skipInput, 'Skip idle')),
  timelineRoot,
  el('section', { className: 'panel' }, el('h3', {}, 'Friction in this session'), markersRoot),
  el('div', { className: 'panel-row' }, el('section', { className: 'panel' }, el('h3', {}, 'Steps'), stepsRoot), el('section', { className: 'panel' }, funnelTitle, funnelRoot)),
  screenshotsPanel,
);
app.append(sidebar, el('main', { className: 'detail' }, banner, empty, detailBody));

const player = new ReplayPlayer(stage, {
  onTime: (offsetMs) => {
    timeline.setTime(offsetMs);
    timeLabel.textContent = `${formatDuration(offsetMs)} / ${formatDuration(current?.recording.totalTime ?? 0)}`;
    const now = Date.now();
    if (current && now - lastSave >= SAVE_INTERVAL_MS) {
      lastSave = now;
      save({ timestamp: current.recording.startTime + offsetMs });
    }
  },
  onPlayingChange: (playing) => {
    playButton.textContent = playing ? 'Pause' : 'Play';
    if (!playing && current) save({ timestamp: current.recording.startTime + player.currentTime });
  },
});

function playMarker(marker: TimelineMarker): void {
  player.play(Math.max(0, marker.offsetMs - LEAD_IN_MS));
}

const timeline = new Timeline(timelineRoot, { onSeek: (offsetMs) => player.seek(offsetMs), onMarker: playMarker });
const detailListener: DetailListener = {
  onMarker: playMarker,
  onSeek: (offsetMs) => player.seek(offsetMs, true),
  onSource: (hotspotId) => post({ type: 'jumpToSource', hotspotId }),
};

function togglePlay(): void {
  if (player.isPlaying) player.pause();
  else player.play();
}

function showBanner(text: string, kind: 'info' | 'error' | 'none'): void {
  banner.textContent = text;
  banner.className = `banner ${kind === 'none' ? 'hidden' : kind}`;
}

function drawSidebar(): void {
  renderSidebar(sidebar, list, state.selected, new Set(state.collapsed), {
    onOpen: (source, sessionId, timestamp) => {
      save({ selected: { source, sessionId }, timestamp });
      drawSidebar();
      post({ type: 'openSession', source, sessionId, ...(timestamp !== undefined ? { timestamp } : {}) });
    },
    onToggleGroup: (hotspotId, collapsed) => {
      const rest = state.collapsed.filter((id) => id !== hotspotId);
      save({ collapsed: collapsed ? [...rest, hotspotId] : rest });
    },
  });
}

/** The window holding the first full snapshot replays first; others are one select away. */
function showWindow(windowId: string, startAt: number | undefined, autoplay: boolean): void {
  if (!current) return;
  const events = current.detail.events.filter((e) => e.windowId === windowId) as unknown as eventWithTime[];
  try {
    const recording = player.load(events, { speed: state.speed, skipInactive: state.skipInactive });
    const model = timelineModel(current.detail, windowId, recording.startTime, recording.totalTime);
    current = { ...current, windowId, recording, model };
    timeline.render(model);
    markersRoot.replaceChildren(markerList(model, current.sources, detailListener));
    stepsRoot.replaceChildren(sessionSteps(current.detail, model, detailListener));
    drawFunnel();
    const offset = startAt === undefined ? 0 : startAt - recording.startTime - (autoplay ? LEAD_IN_MS : 0);
    if (autoplay) player.play(Math.max(0, offset));
    else player.pause(Math.max(0, offset));
  } catch (error) {
    showBanner(`Cannot replay ${current.detail.id}: ${(error as Error).message}`, 'error');
    post({ type: 'reportError', message: `replay of ${current.detail.id} failed: ${(error as Error).message}` });
  }
}

/** A synthetic run's funnel is its simulation's; a real session's, all analysed sessions'. */
function drawFunnel(): void {
  if (!current) return;
  funnelTitle.textContent = current.run ? `Funnel · ${current.run.flow} runs` : 'Funnel · all sessions';
  funnelRoot.replaceChildren(funnelChart(current.run?.funnel ?? list?.funnel ?? [], current.detail));
}

function drawScreenshots(run: RunExtras | undefined): void {
  screenshotsPanel.classList.toggle('hidden', !run || run.screenshots.length === 0);
  screenshotsRoot.replaceChildren(
    ...(run?.screenshots ?? []).map((shot) => el('figure', { className: 'screenshot' }, el('img', { attrs: { src: shot.uri, alt: shot.label, loading: 'lazy' } }), el('figcaption', { className: 'muted' }, shot.label))),
  );
}

function showSession(message: Extract<HostMessage, { type: 'session' }>): void {
  const { detail } = message;
  showBanner('', 'none');
  empty.classList.add('hidden');
  detailBody.classList.remove('hidden');
  save({ selected: { source: message.source, sessionId: detail.id } });
  drawSidebar();
  title.textContent = detail.id;
  const pages = `${detail.pages.length} page${detail.pages.length === 1 ? '' : 's'}`;
  const context = detail.context === 'session' ? ' · markers from this session alone' : '';
  meta.textContent = `${message.source === 'run' ? 'Synthetic run' : 'Session'} · ${pages} · ${formatDuration(detail.end - detail.start)} · ${detail.events.length} events${context}`;
  const windowId = detail.windows[0] ?? '';
  clear(windowSelect);
  windowSelect.append(...detail.windows.map((w, i) => el('option', { attrs: { value: w } }, `Window ${i + 1}`)));
  windowSelect.classList.toggle('hidden', detail.windows.length < 2);
  current = { source: message.source, detail, sources: message.sources, windowId, recording: { startTime: detail.start, totalTime: 0 }, model: { totalTime: 0, pages: [], markers: [], errors: [] }, run: message.run };
  drawScreenshots(message.run);
  showWindow(windowId, message.startAt, message.autoplay ?? false);
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'sessions':
      list = message;
      drawSidebar();
      drawFunnel();
      return;
    case 'loading':
      showBanner(message.message, 'info');
      return;
    case 'session':
      showSession(message);
      return;
    case 'seek':
      if (current?.detail.id === message.sessionId) player.play(Math.max(0, message.timestamp - current.recording.startTime - LEAD_IN_MS));
      return;
    case 'error':
      showBanner(message.message, 'error');
      return;
    default: {
      const exhaustive: never = message;
      return exhaustive;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) handle(event.data);
  else post({ type: 'reportError', message: `ignored a malformed message from the host: ${JSON.stringify(event.data)?.slice(0, 200)}` });
});

speedSelect.value = String(state.speed);
speedSelect.addEventListener('change', () => {
  save({ speed: Number(speedSelect.value) });
  player.setSpeed(state.speed);
});
skipInput.checked = state.skipInactive;
skipInput.addEventListener('change', () => {
  save({ skipInactive: skipInput.checked });
  player.setSkipInactive(state.skipInactive);
});
windowSelect.addEventListener('change', () => showWindow(windowSelect.value, undefined, false));
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== ' ' || !current || ['INPUT', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(target.tagName)) return;
  event.preventDefault();
  togglePlay();
});

drawSidebar();
post({ type: 'ready', ...(state.selected ? { restore: { ...state.selected, ...(state.timestamp !== undefined ? { timestamp: state.timestamp } : {}) } } : {}) });
