// The ranked hotspot table the CLI prints by default.
import Table from 'cli-table3';
import type { AnalysisReport } from './types';

/** "button "Pay now"", "input#tax-ref", "a[data-testid=checkout]": what a developer recognises. */
function elementLabel(el: NonNullable<AnalysisReport['hotspots'][number]['element']>): string {
  const key = el.id ? `#${el.id}` : el.attributes['data-testid'] ? `[data-testid=${el.attributes['data-testid']}]` : '';
  const text = el.text ? ` "${el.text.length > 24 ? el.text.slice(0, 23) + '…' : el.text}"` : '';
  return `${el.tag}${key}${text}`;
}

export function formatHotspotTable(report: AnalysisReport, limit = 25): string {
  const table = new Table({
    head: ['#', 'kind', 'page', 'element', 'sessions', 'share', 'conv. aff/unaff', report.model ? 'lost conv.' : 'score', 'source'],
    style: { head: [], border: [] },
  });
  report.hotspots.slice(0, limit).forEach((h, i) => {
    const el = h.element ? elementLabel(h.element) : '(page)';
    const src = h.source[0] ? `${h.source[0].file}:${h.source[0].line} (${Math.round(h.source[0].confidence * 100)}%)` : '-';
    table.push([
      i + 1,
      h.kind,
      h.page,
      el,
      h.sessions,
      `${(h.share * 100).toFixed(0)}%`,
      `${(h.conversionAffected * 100).toFixed(0)}% / ${(h.conversionUnaffected * 100).toFixed(0)}%`,
      h.impact ? `${h.impact.lostConversions.toFixed(1)}${h.impact.model === 'observed' ? ' (obs.)' : ''}` : h.score.toFixed(2),
      src,
    ]);
  });
  const skipped = report.skipped.reduce((n, s) => n + s.count, 0);
  const header =
    `${report.sessions} sessions (${report.converted} converted), ${report.events} events, ` +
    `${report.hotspots.length} hotspots${skipped ? `, ${skipped} input units skipped (see --format json)` : ''}` +
    (report.model ? `\nranked by estimated lost conversions (model ${report.model}; drop-off: observed)` : '\nranked by observed conversion gap (no session-outcome model)');
  return `${header}\n${table.toString()}`;
}
