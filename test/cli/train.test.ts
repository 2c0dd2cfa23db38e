// `friction train` as the CLI runs it (in-process): consent decides whose data may train, the model directory
// written is complete and loadable, and `analyze --model` ranks by it.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTrain } from '../../analyzer/cli/train-command';
import { runAnalyze } from '../../analyzer/cli/analyze-command';
import { runSyncCommand } from '../../analyzer/cli/sync-command';
import { readModelMeta } from '../../analyzer/models/model-files';
import { SESSION_FEATURE_NAMES } from '../../analyzer/features/session-features';
import { FakePosthog } from '../sources/posthog/fake-posthog';
import { TempDir } from '../sources/posthog/helpers';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const GOAL = '/checkout/confirmation';

describe('friction train', function () {
  this.timeout(120_000);
  let dir: TempDir;

  before(() => {
    dir = new TempDir();
    for (const file of readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).slice(0, 80)) copyFileSync(path.join(corpus, file), path.join(dir.path, file));
  });
  after(() => dir.remove());

  it('trains the session-outcome model on local recordings into a complete model directory with its card', async () => {
    const out = path.join(dir.path, 'models');
    const printed = await runTrain([dir.path], { goal: GOAL, models: 'session-outcome', out, quiet: true });
    const modelDir = path.join(out, 'session-outcome');
    assert.match(printed, /^session-outcome@\d{4}-\d{2}-\d{2}-[0-9a-f]{8} -> /);
    const meta = readModelMeta(modelDir);
    assert.deepEqual(meta.inputs.outcome, SESSION_FEATURE_NAMES);
    assert.equal(meta.data.sessions, 80);
    assert.ok(meta.metrics.rocAuc > 0.8, `held-out ROC AUC ${meta.metrics.rocAuc}`);
    const card = readFileSync(path.join(modelDir, 'CARD.md'), 'utf8');
    assert.match(card, /## Consent basis\n- .*local recordings given to `friction train` by the user/);
    assert.match(card, /\| rocAuc \| [01]\.\d{3}|\| rocAuc \| 1 \|/);

    const report = JSON.parse(await runAnalyze([dir.path], { goal: GOAL, model: modelDir, format: 'json', quiet: true, workers: '1' }));
    assert.equal(report.model, meta.version);
    const modelled = report.hotspots.filter((h: { kind: string }) => h.kind !== 'drop_off');
    assert.ok(modelled.length > 0 && modelled.every((h: { impact?: { model: string } }) => h.impact?.model === meta.version));
  });

  it('refuses data from a PostHog project whose training consent is off, and says how to change it', async () => {
    const fake = await FakePosthog.start({ sessions: 3 });
    const cache = new TempDir();
    try {
      await runSyncCommand({ host: fake.url, project: fake.projectId, cacheDir: cache.path, trainingConsent: 'off', quiet: true }, { env: { POSTHOG_PERSONAL_API_KEY: fake.apiKey } });
      await assert.rejects(
        runTrain([cache.path], { goal: GOAL, out: path.join(cache.path, 'models'), quiet: true }),
        (e: Error & { exitCode?: number }) => e.exitCode === 2 && /PostHog project 4242 .* may not train a model: training.consent=off/.test(e.message) && /friction sync --training-consent on/.test(e.message),
      );
      assert.ok(!existsSync(path.join(cache.path, 'models')), 'nothing written');
    } finally {
      await fake.close();
      cache.remove();
    }
  });

  it('needs a goal, and names unknown models', async () => {
    await assert.rejects(runTrain([dir.path], { quiet: true }), /--goal is required/);
    await assert.rejects(runTrain([dir.path], { goal: GOAL, models: 'oracle', quiet: true }), /unknown model "oracle"/);
  });

  it('refuses a model trained on other features than this version extracts, naming them', async () => {
    const modelDir = path.join(dir.path, 'models', 'session-outcome');
    const metaFile = path.join(modelDir, 'model.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    meta.inputs.outcome = [...meta.inputs.outcome.slice(0, -1), 'signal:telepathy'];
    writeFileSync(metaFile, JSON.stringify(meta));
    await assert.rejects(runAnalyze([dir.path], { goal: GOAL, model: modelDir, quiet: true, workers: '1' }), /missing: signal:excessive_scroll; unexpected: signal:telepathy.*friction train/);
  });
});
