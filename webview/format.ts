// Labels and number formats shared by the webview's parts.
import type { SignalKind } from '../analyzer/signals/types';

export const KIND_LABEL: Record<SignalKind, string> = {
  rage_click: 'Rage click',
  dead_click: 'Dead click',
  error_click: 'Error click',
  thrashed_cursor: 'Thrashed cursor',
  hesitation: 'Hesitation',
  form_abandonment: 'Form abandonment',
  quick_back: 'Quick back',
  excessive_scroll: 'Excessive scrolling',
  drop_off: 'Drop-off',
};

/** m:ss (or h:mm:ss) of a duration in ms. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
