// `friction sync`, `privacy` and `purge` as the CLI runs them (in-process, against the fake PostHog).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPrivacy, runPurge } from '../../../analyzer/cli/privacy-command';
import { runSummary } from '../../../analyzer/cli/summary-command';
import { runSyncCommand, type SyncCommandOptions } from '../../../analyzer/cli/sync-command';
import { FakePosthog } from './fake-posthog';
import { TempDir } from './helpers';

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY: false, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

describe('friction sync / privacy / purge', function () {
  this.timeout(30_000);
  let fake: FakePosthog;
  let dir: TempDir;
  let options: SyncCommandOptions;
  const env = () => ({ POSTHOG_PERSONAL_API_KEY: fake.apiKey });

  before(async () => {
    fake = await FakePosthog.start({ sessions: 8 });
    dir = new TempDir();
    options = { host: fake.url, project: fake.projectId, cacheDir: dir.path };
  });
  after(async () => {
    await fake.close();
    dir.remove();
  });

  it('sync: reads the key from the environment, states the budget, and leaves a cache analyze can read', async () => {
    const err = capture();
    const out = await runSyncCommand({ ...options, limit: '4' }, { env: env(), stderr: err.stream });
    assert.match(out, /^synced 4 sessions \(\d+\.\d MB\) into .*127\.0\.0\.1_\d+-4242$/m);
    assert.match(out, /stopped at --limit: run again to continue/);
    assert.match(out, /training consent: allowed \(training.consent=auto on a US or self-hosted instance/);
    assert.match(err.text(), /at most ~300 recordings an hour; recordings younger than 24 h are skipped/);
    assert.ok(!out.includes(fake.apiKey) && !err.text().includes(fake.apiKey));
    assert.match(await runSummary([dir.path], {}), /^4 sessions, /m);
  });

  it('sync: --api-key-env names another variable; a missing key or bad flags are usage errors (exit 2)', async () => {
    const out = await runSyncCommand({ ...options, apiKeyEnv: 'MY_PH_KEY', quiet: true, limit: '0' }, { env: { MY_PH_KEY: fake.apiKey } });
    assert.match(out, /synced 0 sessions/);
    const usage = async (extra: SyncCommandOptions, pattern: RegExp, environment: NodeJS.ProcessEnv = env()) =>
      assert.rejects(runSyncCommand({ ...options, quiet: true, ...extra }, { env: environment }), (e: Error & { exitCode?: number }) => e.exitCode === 2 && pattern.test(e.message));
    await usage({}, /set POSTHOG_PERSONAL_API_KEY to a PostHog personal API key with the session_recording:read and query:read scopes/, {});
    await usage({ apiKey: fake.apiKey }, /--api-key is not accepted: a key on the command line lands in shell history/);
    await usage({ sample: '2' }, /--sample must be a fraction/);
    await usage({ limit: '-1' }, /--limit must be a whole number/);
    await usage({ host: 'http://ph.example.com' }, /--host: .*must use https/);
    await usage({ project: 'my-project' }, /--project must be the numeric project id/);
    await usage({ trainingConsent: 'maybe' }, /--training-consent must be auto, on or off/);
    await usage({ since: 'whenever' }, /--since must be a duration/);
  });

  it('sync: a wrong key fails with exit 1 and the scope to check; Ctrl-C (abort) exits 130 with how to resume', async () => {
    await assert.rejects(
      runSyncCommand({ ...options, quiet: true }, { env: { POSTHOG_PERSONAL_API_KEY: 'phx_NotTheRightKey12345' } }),
      (e: Error & { exitCode?: number }) => e.exitCode === 1 && /answered 401 .*session_recording:read/.test(e.message) && !e.message.includes('NotTheRightKey'),
    );
    const stop = new AbortController();
    fake.onRequest = (r) => r.category === 'snapshots' && stop.abort();
    await assert.rejects(runSyncCommand({ ...options, quiet: true }, { env: env(), signal: stop.signal }), (e: Error & { exitCode?: number }) => e.exitCode === 130 && /run the same command again to resume/.test(e.message));
    fake.onRequest = undefined;
  });

  it('privacy: lists projects, sessions, bytes, dates and the consent basis', async () => {
    await runSyncCommand({ ...options, quiet: true, trainingConsent: 'off' }, { env: env() });
    const text = runPrivacy({ cacheDir: dir.path });
    assert.match(text, new RegExp(`project ${fake.projectId} on ${fake.url}`));
    assert.match(text, /sessions: +6 \(\d+\.\d MB on disk\), recordings started \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
    assert.match(text, /training: +not allowed \(off\): training.consent=off: the project owner opted out/);
    assert.match(text, /friction purge --cache-dir .* --yes/);
  });

  it('purge: refuses without --yes when nobody can answer, asks a person, deletes with --yes', async () => {
    await assert.rejects(runPurge({ cacheDir: dir.path }, { interactive: false }), (e: Error & { exitCode?: number }) => e.exitCode === 2 && /refusing to delete 6 sessions .* without --yes/.test(e.message));
    let asked = '';
    assert.equal(await runPurge({ cacheDir: dir.path }, { interactive: true, confirm: async (q) => ((asked = q), false) }), 'nothing deleted');
    assert.match(asked, /^Delete 6 sessions of 1 project\(s\)/);
    assert.match(await runPurge({ cacheDir: dir.path, yes: true }), /deleted 1 project cache\(s\)/);
    assert.equal(existsSync(dir.path), false);
    assert.match(runPrivacy({ cacheDir: dir.path }), /nothing stored/);
  });

  it('purge: never deletes a directory sync did not create', async () => {
    const other = new TempDir();
    try {
      mkdirSync(join(other.path, 'project'));
      writeFileSync(join(other.path, 'project', '.sync-state.json'), JSON.stringify({ version: 1, sessions: {}, failures: {}, cursor: {}, consent: {} }));
      await assert.rejects(runPurge({ cacheDir: other.path, yes: true }), /is not a Friction Lens cache .* nothing deleted/);
      assert.ok(existsSync(join(other.path, 'project', '.sync-state.json')));
    } finally {
      other.remove();
    }
  });
});
