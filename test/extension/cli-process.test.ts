// The extension's child-process runner, on the real `friction` CLI (analyzer/cli/main.ts through tsx) and on a
// stand-in that sleeps: progress streams back line by line, failures carry the CLI's message, the API key travels
// in the environment only, and cancelling interrupts the child.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliCancelledError, CliError, runCliProcess } from '../../extension/cli-process';
import { ROOT } from './shop-report';

/** analyzer/cli/main.ts run the way the extension runs dist/cli.js (`<node> <cli> <args>`), with tsx as the node. */
const SOURCE_CLI = { cliPath: path.join(ROOT, 'analyzer', 'cli', 'main.ts'), node: path.join(ROOT, 'node_modules', '.bin', 'tsx') };

describe('extension: CLI child processes', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'friction-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("fails with the CLI's own message and exit code (friction sync without a key)", async () => {
    const lines: string[] = [];
    const run = runCliProcess({ ...SOURCE_CLI, args: ['sync', '--project', '123', '--cache-dir', dir], cwd: ROOT, env: { POSTHOG_PERSONAL_API_KEY: '' } }, (l) => lines.push(l));
    const error = await run.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof CliError, String(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /^set POSTHOG_PERSONAL_API_KEY to a PostHog personal API key/);
    assert.ok(lines.some((l) => l.startsWith('friction: set POSTHOG_PERSONAL_API_KEY')), 'stderr streamed to the log');
  });

  it('keeps a multi-byte character whole when the pipe splits it across chunks', async () => {
    const script = path.join(dir, 'split-euro.js');
    // "€" is e2 82 ac: write its first byte, wait for the pipe to deliver it, then the rest.
    writeFileSync(script, "process.stdout.write(Buffer.from([0x7b, 0xe2])); setTimeout(() => process.stdout.write(Buffer.from([0x82, 0xac, 0x7d])), 50);\n");
    const { stdout } = await runCliProcess({ cliPath: script, args: [] }, () => undefined);
    assert.equal(stdout, '{€}');
  });

  it('passes secrets in the environment, not the arguments, and streams stdout lines when asked', async () => {
    const script = path.join(dir, 'echo-env.js');
    writeFileSync(script, "console.log('argv ' + process.argv.slice(2).join(' ')); console.log('key ' + process.env.POSTHOG_PERSONAL_API_KEY); console.error('progress 1'); console.error('progress 2');\n");
    const lines: string[] = [];
    const { stdout } = await runCliProcess({ cliPath: script, args: ['sync', '--project', '1'], env: { POSTHOG_PERSONAL_API_KEY: 'phx_secret' }, streamStdout: true }, (l) => lines.push(l));
    assert.equal(stdout, 'argv sync --project 1\nkey phx_secret\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('progress')), ['progress 1', 'progress 2']);
    assert.ok(lines.includes('argv sync --project 1'));
  });

  it('interrupts the child on cancel (SIGINT, so sync can stop at a safe point) and reports a cancellation', async () => {
    const script = path.join(dir, 'slow.js');
    writeFileSync(script, "process.on('SIGINT', () => { console.error('interrupted; the cache is consistent'); process.exit(130); }); console.error('started'); setTimeout(() => {}, 60000);\n");
    let cancel: (() => void) | undefined;
    const lines: string[] = [];
    const started = Date.now();
    const run = runCliProcess({ cliPath: script, args: ['sync'] }, (l) => {
      lines.push(l);
      if (l === 'started') cancel?.();
    }, { onCancellationRequested: (listener) => (cancel = listener) });
    await assert.rejects(run, CliCancelledError);
    assert.ok(Date.now() - started < 10_000);
    assert.ok(lines.includes('interrupted; the cache is consistent'), 'the child handled SIGINT itself');
  });

  it('does not start when already cancelled', async () => {
    await assert.rejects(runCliProcess({ cliPath: path.join(dir, 'never.js'), args: ['analyze'] }, () => undefined, { isCancellationRequested: true, onCancellationRequested: () => undefined }), CliCancelledError);
  });
});
