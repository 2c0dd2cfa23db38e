// The UCI online-shoppers evaluation on real data: preprocessing, the seeded splits it relies on, and a fast
// smoke check that the logistic baseline and our MLP learn the task (the full benchmark is run separately).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatUciTable, runUciBenchmark, scoreSplit, trainAndPredict, uciModelSpecs } from '../../models/eval/uci-benchmark';
import { encodeUci, fitUciEncoder, loadUciShoppers, type UciShoppers } from '../../models/eval/uci-shoppers';
import { groupSplit, stratifiedKFold, stratifiedSplit } from '../../models/train/splits';

const CSV = path.resolve(__dirname, '..', '..', 'models', 'data', 'online_shoppers_intention.csv');
const share = (labels: (0 | 1)[], rows: number[]) => rows.reduce((s, i) => s + labels[i], 0) / rows.length;

describe('UCI online shoppers data', function () {
  this.timeout(60_000);
  let data: UciShoppers;
  before(() => {
    data = loadUciShoppers(CSV);
  });

  it('loads 12,330 sessions, 1,908 purchases, named finite features', () => {
    assert.equal(data.records.length, 12330);
    assert.equal(data.labels.reduce<number>((s, y) => s + y, 0), 1908);
    const encoder = fitUciEncoder(data.records);
    const rows = encodeUci(encoder, data.records);
    assert.equal(rows.length, 12330);
    for (const name of ['log1p_PageValues', 'ExitRates', 'BounceRates', 'SpecialDay', 'Weekend', 'Month=Nov', 'VisitorType=New_Visitor', 'TrafficType=other']) {
      assert.ok(encoder.featureNames.includes(name), `missing feature ${name}`);
    }
    assert.equal(new Set(encoder.featureNames).size, encoder.featureNames.length);
    for (const row of rows) {
      assert.equal(row.length, encoder.featureNames.length);
      for (const v of row) assert.ok(Number.isFinite(v));
    }
    // Every row sets exactly one slot per one-hot column (6 of them) plus its numeric part.
    const monthSlots = encoder.featureNames.map((n, i) => (n.startsWith('Month=') ? i : -1)).filter((i) => i >= 0);
    assert.ok(rows.every((r) => monthSlots.reduce((s, i) => s + r[i], 0) === 1));
  });

  it('fits vocabularies on the given rows only; unseen values fall to "other" or zeros', () => {
    const notNov = data.records.map((r, i) => (r.categorical.Month === 'Nov' ? -1 : i)).filter((i) => i >= 0);
    const encoder = fitUciEncoder(data.records, notNov);
    assert.ok(!encoder.featureNames.includes('Month=Nov'));
    const nov = data.records.findIndex((r) => r.categorical.Month === 'Nov');
    const [row] = encodeUci(encoder, data.records, [nov]);
    assert.ok(encoder.featureNames.every((n, i) => !n.startsWith('Month=') || row[i] === 0));
  });

  it('names the missing file and the missing columns', () => {
    assert.throws(() => loadUciShoppers('/nonexistent/shoppers.csv'), /not found at \/nonexistent\/shoppers\.csv/);
    const bad = path.join(os.tmpdir(), `uci-bad-header-${process.pid}.csv`);
    fs.writeFileSync(bad, fs.readFileSync(CSV, 'utf8').split('\n').slice(0, 3).join('\n').replace('PageValues', 'Page_Values').replace(',Revenue', ',Label'));
    try {
      assert.throws(() => loadUciShoppers(bad), /lacks column\(s\) PageValues, Revenue/);
    } finally {
      fs.unlinkSync(bad);
    }
  });

  it('stratified 70/30 split keeps the 15.5 % purchase share on both sides, deterministically', () => {
    const { train, test } = stratifiedSplit(data.labels, 0.3, 1);
    assert.equal(train.length + test.length, 12330);
    assert.equal(new Set([...train, ...test]).size, 12330);
    assert.ok(Math.abs(test.length / 12330 - 0.3) < 0.001);
    for (const part of [train, test]) assert.ok(Math.abs(share(data.labels, part) - 1908 / 12330) < 0.001);
    assert.deepEqual(stratifiedSplit(data.labels, 0.3, 1).test, test);
    assert.notDeepEqual(stratifiedSplit(data.labels, 0.3, 2).test, test);
  });

  it('stratified 10-fold puts every row in exactly one test fold', () => {
    const folds = stratifiedKFold(data.labels, 10, 3);
    const seen = new Int32Array(12330);
    for (const { train, test } of folds) {
      assert.equal(train.length + test.length, 12330);
      assert.ok(test.length === 1233);
      assert.ok(Math.abs(share(data.labels, test) - 1908 / 12330) < 0.002);
      const inTest = new Set(test);
      assert.ok(train.every((i) => !inTest.has(i)));
      for (const i of test) seen[i]++;
    }
    assert.ok(seen.every((n) => n === 1));
  });

  it('group split keeps every group on one side', () => {
    const groups = data.records.map((_, i) => `session-${i % 997}`);
    const { train, test } = groupSplit(groups, 0.3, 5);
    const testGroups = new Set(test.map((i) => groups[i]));
    assert.equal(testGroups.size, Math.round(997 * 0.3));
    assert.ok(train.every((i) => !testGroups.has(groups[i])));
    assert.equal(train.length + test.length, groups.length);
  });

  it('logistic baseline learns the task on a small stratified sample, and the MLP is not worse', () => {
    // 2,466 training / 1,233 held-out rows drawn stratified from the real file: fast, still real sessions.
    const { test: sample } = stratifiedSplit(data.labels, 0.3, 21);
    const inner = stratifiedSplit(sample.map((i) => data.labels[i]), 1 / 3, 22);
    const train = inner.train.map((j) => sample[j]);
    const test = inner.test.map((j) => sample[j]);
    const [mlp, logistic] = uciModelSpecs(1).map((spec) => {
      const p = trainAndPredict(data, train, test, spec.options, 1);
      return scoreSplit(p.trainProbs[0], train.map((i) => data.labels[i]), p.testProbs[0], test.map((i) => data.labels[i]));
    });
    console.log(`      sample: logistic ROC ${logistic.rocAuc.toFixed(3)} PR ${logistic.prAuc.toFixed(3)}; MLP ROC ${mlp.rocAuc.toFixed(3)} PR ${mlp.prAuc.toFixed(3)}`);
    assert.ok(logistic.rocAuc > 0.85, `logistic ROC AUC ${logistic.rocAuc}`);
    assert.ok(mlp.rocAuc > logistic.rocAuc - 0.02, `MLP ROC AUC ${mlp.rocAuc} vs logistic ${logistic.rocAuc}`);
  });

  it('runs the benchmark end to end (holdout + 2 folds) and prints the comparison table', () => {
    const result = runUciBenchmark({ csvPath: CSV, seed: 1, folds: 2 });
    assert.deepEqual(result.models.map((m) => m.name), ['MLP', 'logistic']);
    for (const m of result.models) {
      assert.equal(m.folds.length, 2);
      assert.ok(m.holdout.rocAuc > 0.88 && m.cv!.rocAuc.mean > 0.88, `${m.name} ROC AUC`);
    }
    const table = formatUciTable(result);
    assert.match(table, /published: XGBoost/);
    assert.match(table, /0\.937/);
  });
});
