// Init script the synthetic users add after rrweb (ContextRecorder): client-side navigations recorded as the
// `$url_changed` custom events the replay opens pages on (rrweb itself does not record pushState), the flow's goal
// event recorded as an rrweb custom event.

/** Custom event the agent adds to the recording when a selector goal becomes visible (the replay's goal then). */
export const GOAL_REACHED_EVENT = 'friction:goal';

export function pageHooksScript(goalEvent?: string): string {
  return `(() => {
  if (!/^https?:$/.test(location.protocol) || window.top !== window) return;
  const note = (tag, payload) => { try { window.__rrweb && window.__rrweb.record.addCustomEvent(tag, payload); } catch (e) {} };
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function () {
      const before = location.href;
      const result = original.apply(this, arguments);
      if (location.href !== before) note('$url_changed', { href: location.href });
      return result;
    };
  }
  window.addEventListener('popstate', () => note('$url_changed', { href: location.href }));
  const goal = ${JSON.stringify(goalEvent ?? null)};
  if (goal) {
    const seen = new WeakSet();
    const on = (event) => { if (seen.has(event)) return; seen.add(event); note(goal, { type: event.type }); };
    window.addEventListener(goal, on, true);
    document.addEventListener(goal, on, true);
  }
})();`;
}
