// An in-page probe, independent of rrweb, that watches what the live page does after each click (as posthog-js'
// dead-click autocapture does in the browser): first DOM mutation, scroll, selection change, uncaught error.
// The recorder's ground truth for dead clicks comes from it, so tests compare our replay against the live page.
// Every observation is reported the moment it happens: a message queued at unload could be lost.

export interface ClickLiveness {
  /** Virtual time of the click. */
  t: number;
  /** Tag of the control clicked (nearest a/button/input/select/textarea/label, else the target). */
  tag: string;
  inAnchor: boolean;
  /** A simple selector for what was really clicked (layout shifts can move a button away from the pointer). */
  selector: string;
  /** The click landed inside the element the persona aimed at (window.__frictionAim). */
  onTarget: boolean;
  mutationMs?: number;
  scrollMs?: number;
  selectionMs?: number;
  errorMs?: number;
}

export type LivenessMessage =
  | { t: number; event: 'click'; tag: string; inAnchor: boolean; selector: string; onTarget: boolean }
  | { t: number; event: 'mutationMs' | 'scrollMs' | 'selectionMs' | 'errorMs'; ms: number };

export const LIVENESS_BINDING = '__frictionLiveness';

/** Folds the probe's messages into one record per click. */
export class LivenessLog {
  private readonly byTime = new Map<number, ClickLiveness>();

  add(message: LivenessMessage): void {
    if (message.event === 'click') {
      this.byTime.set(message.t, { t: message.t, tag: message.tag, inAnchor: message.inAnchor, selector: message.selector, onTarget: message.onTarget });
      return;
    }
    const entry = this.byTime.get(message.t);
    if (entry && entry[message.event] === undefined) entry[message.event] = message.ms;
  }

  entries(): ClickLiveness[] {
    return [...this.byTime.values()].sort((a, b) => a.t - b.t);
  }
}

/** Init script: report each click, then its first reaction of each kind within 10 s. */
export const LIVENESS_PROBE_SCRIPT = `(() => {
  if (!/^https?:$/.test(location.protocol) || window.top !== window) return;
  const HORIZON = 10000;
  let pending = [];
  const send = (message) => { try { window.${LIVENESS_BINDING}(message); } catch (e) {} };
  const mark = (key) => {
    const now = Date.now();
    pending = pending.filter((entry) => now - entry.t <= HORIZON);
    for (const entry of pending) {
      if (!entry[key] && now >= entry.t) {
        entry[key] = true;
        send({ t: entry.t, event: key, ms: now - entry.t });
      }
    }
  };
  const own = (el) => el.id ? '#' + el.id : el.getAttribute('data-testid') ? '[data-testid="' + el.getAttribute('data-testid') + '"]' : '';
  const describe = (el) => {
    if (!el) return 'unknown';
    if (own(el)) return own(el);
    const self = el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
    let up = el.parentElement;
    while (up && !own(up)) up = up.parentElement;
    return up ? own(up) + ' ' + self : self;
  };
  // Where the button went down: if the layout moved before it came up, the click's own target is a container.
  let pressed = null;
  let pressedAt = 0;
  document.addEventListener('mousedown', (event) => { pressed = event.target instanceof Element ? event.target : null; pressedAt = Date.now(); }, true);
  document.addEventListener('click', (event) => {
    const clicked = event.target instanceof Element ? event.target : null;
    const moved = pressed && clicked && clicked !== pressed && clicked.contains(pressed) && Date.now() - pressedAt <= 1000;
    const target = moved ? pressed : clicked;
    const control = target && target.closest('a,button,input,select,textarea,label');
    const element = control || target;
    const entry = { t: Date.now() };
    pending.push(entry);
    send({ t: entry.t, event: 'click', tag: element ? element.tagName.toLowerCase() : 'unknown', inAnchor: !!(target && target.closest('a')), selector: describe(element),
      onTarget: !!(target && window.__frictionAim && target.closest(window.__frictionAim)) });
  }, true);
  new MutationObserver(() => mark('mutationMs')).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('scroll', () => mark('scrollMs'), true);
  // A caret moved by the click itself is no reaction; a selection that spans text is (rrweb records only those).
  document.addEventListener('selectionchange', () => { const s = document.getSelection(); if (s && !s.isCollapsed) mark('selectionMs'); });
  window.addEventListener('error', () => mark('errorMs'));
})();`;
