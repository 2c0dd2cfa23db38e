// report.html of a simulation: one self-contained page (inline CSS, no script, no remote resource) with the
// success rate, warnings, friction by element, confusion points, breakages and every run with its recording and
// screenshots (files beside the report). Every piece of text from the app or the runs is escaped.
import type { SimulationReport } from './types';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Only files written beside the report are linked: a relative path without a scheme or parent segments. */
function localHref(file: string): string | undefined {
  return /^[\w./-]+$/.test(file) && !file.includes('..') && !file.startsWith('/') ? file : undefined;
}

const percent = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.1 ? 1 : 0)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
.muted { color: #656d76; } code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 .25rem; border-radius: 4px; }
.figures { display: flex; gap: 2rem; flex-wrap: wrap; margin: 1rem 0; } .figure b { display: block; font-size: 1.6rem; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; border-radius: 6px; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; } .outcome-success { color: #1a7f37; font-weight: 600; } .outcome-error { color: #cf222e; font-weight: 600; }
.shots a { margin-right: .3rem; } .shots img { height: 48px; border: 1px solid #d0d7de; vertical-align: middle; }
`;

function header(report: SimulationReport): string {
  const s = report.summary;
  const [low, high] = s.successInterval;
  const outcomes = s.outcomes ? Object.entries(s.outcomes).filter(([, n]) => n > 0).map(([o, n]) => `${escapeHtml(o)} ${n}`).join(' · ') : '';
  return `<h1>Synthetic users: ${escapeHtml(report.flow)}</h1>
<p class="muted">Goal: ${escapeHtml(report.goal ?? '')} · app ${escapeHtml(report.baseUrl)} · model <code>${escapeHtml(report.model)}</code> · ${escapeHtml(report.generatedAt)}</p>
<div class="figures">
<div class="figure"><b>${percent(s.successRate)}</b>reached the goal (${s.successes} of ${s.runs}; 95 % interval ${percent(low)}–${percent(high)})</div>
<div class="figure"><b>${s.medianSteps}</b>median steps per run</div>
<div class="figure"><b>${seconds(s.medianStepMs)}</b>median time per step</div>
</div>
<p>${outcomes}</p>
${(report.warnings ?? []).map((w) => `<p class="warning">${escapeHtml(w)}</p>`).join('\n')}`;
}

function frictionSection(report: SimulationReport): string {
  const rows = (report.frictionByElement ?? []).map((f) => [
    escapeHtml(f.route),
    f.selector ? `<code>${escapeHtml(f.selector)}</code>${f.text ? ` <span class="muted">${escapeHtml(f.text.slice(0, 60))}</span>` : ''}` : '<span class="muted">(page)</span>',
    Object.entries(f.kinds).map(([k, n]) => `${escapeHtml(k)} ×${n}`).join(', '),
    `${f.runs} / ${report.summary.runs}`,
    f.source && f.source.length > 0 ? `<code>${escapeHtml(`${f.source[0].file}:${f.source[0].line}`)}</code> <span class="muted">${Math.round(100 * f.source[0].confidence)} %</span>` : '',
  ]);
  return `<h2>Friction by element</h2>${table(['route', 'element', 'signals', 'runs', 'source'], rows, 'The analyzer found no friction in these runs.')}`;
}

function confusionSection(report: SimulationReport): string {
  const rows = (report.confusion ?? []).map((c) => [
    escapeHtml(c.route),
    `<code>${escapeHtml(c.after)}</code>`,
    `${c.confusedSteps} of ${c.steps} (${c.runs} runs)`,
    c.meanEntropy.toFixed(2),
    seconds(c.medianIdleMs),
    c.choices.slice(0, 4).map((ch) => `<code>${escapeHtml(ch.action)}</code> ×${ch.count}`).join(', '),
  ]);
  return `<h2>Confusion points</h2><p class="muted">Decisions where the policy spread its choice (entropy ≥ 1 nat) or the user sat still 5 s or more first.</p>${table(
    ['route', 'after', 'confused decisions', 'mean entropy (nats)', 'median idle', 'chosen'],
    rows,
    'No confusion point.',
  )}`;
}

function breakageSection(report: SimulationReport): string {
  const rows = (report.breakages ?? []).map((b) => [escapeHtml(b.kind), escapeHtml(b.route), `<code>${escapeHtml(b.message)}</code>`, `${b.runs}`, `${b.occurrences}`]);
  return `<h2>Breakages</h2>${table(['kind', 'route', 'message', 'runs', 'occurrences'], rows, 'No uncaught exception or failed request.')}`;
}

function runsSection(report: SimulationReport): string {
  const rows = report.runs.map((r) => {
    const recording = localHref(r.recording);
    const shots = r.screenshots
      .map(localHref)
      .filter((s): s is string => s !== undefined)
      .map((s) => `<a href="${escapeHtml(s)}"><img src="${escapeHtml(s)}" alt="${escapeHtml(s)}" loading="lazy"></a>`)
      .join('');
    const end = r.steps.length > 0 ? r.steps[r.steps.length - 1].route : '';
    return [
      `<code>${escapeHtml(r.id)}</code>`,
      escapeHtml(r.persona),
      `<span class="outcome-${escapeHtml(r.outcome)}">${escapeHtml(r.outcome)}</span>${r.failure ? ` <span class="muted">${escapeHtml(r.failure)}</span>` : ''}`,
      escapeHtml(end),
      `${r.steps.length}`,
      seconds(r.durationMs),
      `${r.errors.length}`,
      r.signals.length > 0 ? r.signals.map((s) => escapeHtml(s.kind)).join(', ') : '',
      recording ? `<a href="${escapeHtml(recording)}">${escapeHtml(recording)}</a>` : '',
      `<span class="shots">${shots}</span>`,
    ];
  });
  return `<h2>Runs</h2><p class="muted">Recordings are rrweb event arrays: <code>friction analyze recordings</code> (from this directory) reads them.</p>${table(
    ['run', 'persona', 'outcome', 'ended on', 'steps', 'time', 'errors', 'signals', 'recording', 'screenshots'],
    rows,
    'No runs.',
  )}`;
}

export function renderSimulationHtml(report: SimulationReport): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Synthetic users: ${escapeHtml(report.flow)}</title>
<style>${CSS}</style></head><body>
${header(report)}
${frictionSection(report)}
${confusionSection(report)}
${breakageSection(report)}
${runsSection(report)}
</body></html>
`;
}
