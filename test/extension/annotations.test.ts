// What the editor shows for a real analysis of the example shop: which hotspots are annotated where, their
// severity, the end-of-line text, the hover's figures and links, and the CodeLens per component.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { AnalysisReport, ReportHotspot } from '../../analyzer/report/types';
import { loadPlantedFrictions } from '../../examples/shop/frictions';
import {
  annotationsFromReport,
  codeLensTitle,
  componentSummaries,
  DEFAULT_THRESHOLDS,
  endOfLineText,
  endOfLineTextForLine,
  formatConversions,
  hoverMarkdown,
  revealCommandUri,
  severityOf,
} from '../../extension/annotations';
import { SHOP_SRC, shopReport } from './shop-report';

/** The JSON argument of a `command:id?<encoded JSON>` link. */
function commandArgument(uri: string): unknown {
  return JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1)));
}

describe('extension: annotations from a report', function () {
  this.timeout(120_000);
  let report: AnalysisReport;
  const find = (kind: string, file: string): ReportHotspot => {
    const h = report.hotspots.find((x) => x.kind === kind && x.element && x.source[0]?.file === file);
    assert.ok(h, `the analysis finds ${kind} in ${file}`);
    return h;
  };

  before(async () => {
    report = await shopReport();
  });

  it('pins every planted friction to the line that renders its element, and nothing below the thresholds', () => {
    const annotations = annotationsFromReport(report, SHOP_SRC);
    for (const planted of loadPlantedFrictions()) {
      const a = annotations.find((x) => x.hotspot.kind === planted.kind && x.file === path.join(SHOP_SRC, planted.source.file));
      assert.ok(a, `${planted.id} is annotated`);
      assert.deepEqual([a.line, a.column], [planted.source.line, planted.source.column], planted.id);
    }
    assert.ok(annotations.every((a) => a.hotspot.share >= DEFAULT_THRESHOLDS.minShare && a.hotspot.source[0].confidence >= DEFAULT_THRESHOLDS.minConfidence));
    const rare = report.hotspots.filter((h) => h.element && h.share < DEFAULT_THRESHOLDS.minShare);
    assert.ok(rare.length > 0, 'the corpus has hotspots on under 2% of a page (hesitation on single product cards)');
    assert.ok(!annotations.some((a) => rare.includes(a.hotspot)), 'they are listed in the tree, not annotated');
    assert.ok(!annotations.some((a) => !a.hotspot.element), 'page-level hotspots (drop-off) have no element line');
  });

  it('grades severity by the worse of reach and cost, and a negative cost never raises it', () => {
    const tax = find('form_abandonment', 'parts/TaxReferenceField.tsx');
    assert.ok(tax.share >= 0.2);
    assert.equal(severityOf(tax, report.converted), 'high');
    for (const h of report.hotspots) {
      const reach = severityOf({ share: h.share });
      const both = severityOf(h, report.converted);
      if ((h.impact?.lostConversions ?? 0) <= 0) assert.equal(both, reach, `${h.id}: nothing lost, reach alone grades it`);
      else assert.ok(['high', 'medium', 'low'].indexOf(both) <= ['high', 'medium', 'low'].indexOf(reach), `${h.id}: cost only ever raises severity`);
    }
    // The same real hotspot, costing 1% and then 5% of the conversions: medium, then high, whatever its reach.
    const costly = report.hotspots.find((h) => h.share < 0.05 && (h.impact?.lostConversions ?? 0) > 0.5);
    assert.ok(costly, 'a hotspot with little reach but a real cost (abandoned payment form, funnel drop-off at payment)');
    assert.equal(severityOf(costly), 'low');
    assert.equal(severityOf(costly, costly.impact!.lostConversions / 0.01), 'medium');
    assert.equal(severityOf(costly, costly.impact!.lostConversions / 0.05), 'high');
  });

  it('writes the line text as "⚡ rage clicks · N sessions · −0.7 lost conv." with a real minus sign', () => {
    assert.equal(formatConversions(-0.73), '\u22120.7');
    assert.equal(formatConversions(43.36), '43');
    assert.equal(formatConversions(4.24), '4.2');
    assert.equal(formatConversions(-0.04), '0.0');
    const rage = find('rage_click', 'parts/PayButton.tsx');
    assert.equal(endOfLineText(rage), `⚡ rage clicks · ${rage.sessions} sessions · ${formatConversions(rage.impact!.lostConversions)} lost conv.`);
    assert.match(endOfLineText(rage, true), / · code changed since the data was recorded$/);
    const withoutModel = { ...rage, impact: undefined };
    assert.equal(endOfLineText(withoutModel), `⚡ rage clicks · ${rage.sessions} sessions · ${Math.round(rage.share * 100)}% of page`);
  });

  it('puts the best ranked of a line\'s hotspots first and counts the others (Pay now: dead and rage clicks)', () => {
    const onPay = annotationsFromReport(report, SHOP_SRC).filter((a) => a.file === path.join(SHOP_SRC, 'parts', 'PayButton.tsx') && a.line === 4);
    assert.deepEqual(onPay.map((a) => a.hotspot.kind).sort(), ['dead_click', 'rage_click']);
    const text = endOfLineTextForLine(onPay.map((a) => a.hotspot).sort((a, b) => b.score - a.score));
    assert.match(text, /^⚡ dead clicks · \d+ sessions · .* · \+1 more$/);
  });

  it('hovers with the figures, the model version and a replay link per example session', () => {
    const rage = find('rage_click', 'parts/PayButton.tsx');
    const md = hoverMarkdown(rage, severityOf(rage, report.converted), { reportModel: report.model });
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    assert.match(md, /^\*\*⚡ Rage clicks\*\* on `\/checkout\/payment` · `\[data-testid="pay-now"\]` — high severity/);
    assert.ok(md.includes(`| Sessions affected | ${rage.sessions} of ${rage.pageSessions} on this page (${pct(rage.share)}), ${rage.occurrences} occurrences |`), md);
    assert.ok(md.includes(`| Conversion (observed) | ${pct(rage.conversionAffected)} with · ${pct(rage.conversionUnaffected)} without |`), md);
    assert.ok(md.includes(`| Conversion (modelled) | ${pct(rage.impact!.conversionWith)} with · ${pct(rage.impact!.conversionWithout)} without |`), md);
    assert.ok(md.includes(`| Estimated lost conversions | ${formatConversions(rage.impact!.lostConversions)} |`), md);
    assert.ok(md.includes(`| Model | \`${rage.impact!.model}\` |`) && rage.impact!.model === report.model, md);
    const replays = [...md.matchAll(/\]\((command:frictionLens\.openReplay\?[^)]+)\)/g)].map((m) => commandArgument(m[1]));
    assert.deepEqual(replays, rage.examples.slice(0, 3).map((e) => ({ sessionId: e.sessionId, timestamp: e.timestamp })));
    assert.ok(!md.includes('posthog.com'), 'file recordings have no PostHog replay');
    const reveal = /\[Show in the Friction view\]\(([^)]+)\)/.exec(md);
    assert.ok(reveal && reveal[1] === revealCommandUri([rage.id]));
    assert.deepEqual(commandArgument(reveal[1]), [[rage.id]]);
  });

  it('links a replay to PostHog at the friction\'s moment only for sessions synced from the configured project', () => {
    const rage = find('rage_click', 'parts/PayButton.tsx');
    const [synced, local] = rage.examples;
    const start = synced.timestamp - 42_700;
    const md = hoverMarkdown(rage, 'high', { posthog: { baseUrl: 'https://eu.posthog.com', projectId: '12345', sessionStarts: new Map([[synced.sessionId, start]]) } });
    assert.ok(md.includes(`[open in PostHog](https://eu.posthog.com/project/12345/replay/${synced.sessionId}?t=42)`), md);
    assert.equal(md.match(/open in PostHog/g)?.length, 1, `session ${local.sessionId} did not come from PostHog`);
  });

  it('warns in the hover when the code changed since the data was recorded', () => {
    const rage = find('rage_click', 'parts/PayButton.tsx');
    assert.match(hoverMarkdown(rage, 'high', { drifted: true }), /⚠ \*\*Code changed since the data was recorded\*\*/);
    assert.doesNotMatch(hoverMarkdown(rage, 'high'), /Code changed/);
  });

  it('sums a component\'s hotspots for its CodeLens, page-level ones at the page component', () => {
    const summaries = componentSummaries(report, SHOP_SRC);
    const pay = summaries.find((s) => s.component === 'PayButton');
    assert.ok(pay);
    assert.equal(pay.file, path.join(SHOP_SRC, 'parts', 'PayButton.tsx'));
    assert.deepEqual(pay.hotspotIds.map((id) => id.split(':')[0]).sort(), ['dead_click', 'rage_click']);
    assert.equal(pay.top.id, pay.hotspotIds[0], 'the best ranked names the lens when nothing is lost');
    assert.equal(codeLensTitle({ ...pay, lostConversions: 0 }), `Friction: 2 hotspots · dead clicks in ${pay.top.sessions} sessions`);

    const dropOff = report.hotspots.find((h) => h.kind === 'drop_off' && h.page === '/checkout/shipping');
    assert.ok(dropOff?.impact && dropOff.impact.lostConversions > 1);
    const shipping = summaries.find((s) => s.component === 'Shipping' && s.file === path.join(SHOP_SRC, 'pages', 'Shipping.tsx'));
    assert.ok(shipping, 'the Shipping page component has a lens');
    assert.ok(shipping.hotspotIds.includes(dropOff.id), 'the drop-off counts at the Shipping page component');
    const lost = shipping.hotspotIds.map((id) => report.hotspots.find((h) => h.id === id)!).reduce((s, h) => s + Math.max(0, h.impact?.lostConversions ?? 0), 0);
    assert.equal(codeLensTitle(shipping), `Friction: ${shipping.hotspotIds.length} hotspot${shipping.hotspotIds.length === 1 ? '' : 's'} · ${formatConversions(lost)} lost conversions`);
    assert.match(codeLensTitle(shipping), /^Friction: \d+ hotspots? · \d+ lost conversions$/);
  });
});
