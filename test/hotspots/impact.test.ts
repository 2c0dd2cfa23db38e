// Hotspot impact: P(convert) at the friction's moment with and without the hotspot's signals, summed over the
// affected sessions; the shipped session-outcome model run by onnxruntime-node on the real corpus.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, type AnalysisResult } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { rankByLostConversions, type OutcomeScorer } from '../../analyzer/hotspots/impact';
import { SESSION_FEATURE_NAMES } from '../../analyzer/features/session-features';
import { loadOutcomeScorer, type LoadedOutcomeScorer } from '../../analyzer/models/outcome-scorer';
import { loadPlantedFrictions } from '../../examples/shop/frictions';

const root = path.resolve(__dirname, '..', '..');
const GOAL = '/checkout/confirmation';
const RAGE = SESSION_FEATURE_NAMES.indexOf('signal:rage_click');
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A transparent model: conversion falls with log1p(rage clicks) and nothing else matters. */
const rageOnly: OutcomeScorer = {
  version: 'rage-only',
  predict: async (rows) => Float32Array.from(rows.map((x) => sigmoid(1 - 2 * x[RAGE]))),
};

describe('hotspot impact (estimated lost conversions)', function () {
  this.timeout(120_000);
  let analysis: AnalysisResult;
  let shipped: LoadedOutcomeScorer;

  before(async () => {
    analysis = await analyzeFiles([path.join(root, 'examples', 'shop', 'corpus')], { goal: parseGoal(GOAL), goalText: GOAL, src: path.join(root, 'examples', 'shop', 'src') });
    shipped = await loadOutcomeScorer(path.join(root, 'models', 'session-outcome'));
  });
  after(() => shipped.release());

  it('sums P(convert without) − P(convert with) over the affected sessions, counting signals up to the friction', async () => {
    const hotspots = structuredClone(analysis.hotspots);
    const ranked = await rankByLostConversions(hotspots, analysis.signals, analysis.sessions, rageOnly);
    const rage = ranked.find((h) => h.kind === 'rage_click' && h.element?.testId === 'pay-now')!;
    // Each affected session has its rage clicks removed; other hotspots' rage clicks in it (none here) would stay.
    const perSession = analysis.signals.filter((s) => s.kind === 'rage_click' && s.element?.testId === 'pay-now');
    const bySession = new Map<string, number>();
    for (const s of perSession) bySession.set(s.sessionId, (bySession.get(s.sessionId) ?? 0) + 1);
    let expected = 0;
    for (const n of bySession.values()) expected += sigmoid(1) - sigmoid(1 - 2 * Math.log1p(n));
    assert.ok(Math.abs(rage.impact!.lostConversions - expected) < 0.01, `${rage.impact!.lostConversions} vs ${expected}`);
    assert.ok(rage.impact!.conversionWithout > rage.impact!.conversionWith);
    // Kinds the transparent model ignores cost nothing; drop-off keeps its observed figure.
    const dead = ranked.find((h) => h.kind === 'dead_click')!;
    assert.equal(dead.impact!.lostConversions, 0);
    const dropOff = ranked.find((h) => h.kind === 'drop_off')!;
    assert.equal(dropOff.impact!.model, 'observed');
    assert.ok(Math.abs(dropOff.impact!.lostConversions - dropOff.sessions * dropOff.conversionUnaffected) < 0.01);
  });

  it('ranks by lost conversions with the shipped ONNX model, and puts the abandoned tax field first among planted frictions', async () => {
    const ranked = await rankByLostConversions(structuredClone(analysis.hotspots), analysis.signals, analysis.sessions, shipped);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score, 'sorted by score');
    for (const h of ranked.filter((x) => x.kind !== 'drop_off')) assert.equal(h.impact?.model, shipped.version);
    const planted = loadPlantedFrictions().map((f) => {
      const h = ranked.find((x) => x.kind === f.kind && x.page === f.page && x.source[0]?.file === f.source.file && x.source[0]?.line === f.source.line);
      assert.ok(h, `planted ${f.id} is a hotspot`);
      return { id: f.id, lost: h.impact!.lostConversions };
    });
    planted.sort((a, b) => b.lost - a.lost);
    // The recorder's personas abandon checkout at the confusing tax field; the other frictions slow them down.
    assert.equal(planted[0].id, 'tax-ref-confusing', JSON.stringify(planted));
    assert.ok(planted[0].lost > 10);
  });
});
