// The replay panel's data path: `friction session` in a child process, as the extension runs it, on real corpus
// recordings: the detail arrives whole, and a wrong id fails with the CLI's message naming the id and the paths.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadSessionDetail } from '../../analyzer/pipeline/session-detail';
import { CliError } from '../../extension/cli-process';
import { loadSessionDetailProcess, sessionDetailArgs } from '../../extension/session-detail-process';
import { ROOT } from './shop-report';

/** analyzer/cli/main.ts run the way the extension runs dist/cli.js (`<node> <cli> <args>`), with tsx as the node. */
const SOURCE_CLI = { cliPath: path.join(ROOT, 'analyzer', 'cli', 'main.ts'), node: path.join(ROOT, 'node_modules', '.bin', 'tsx') };
const corpus = path.join(ROOT, 'examples', 'shop', 'corpus');
const recordings = ['shop-0023', 'shop-0024', 'shop-0025'].map((id) => path.join(corpus, `${id}.json.gz`));

describe('extension: session detail from the CLI', function () {
  this.timeout(60_000);

  it('puts the options before `--`, so any id is read as an id', () => {
    assert.deepEqual(sessionDetailArgs({ sessionId: '-rf', recordings: ['a', 'b'], goal: '/done', context: 'corpus' }), ['session', '--goal', '/done', '--context', 'corpus', '--', '-rf', 'a', 'b']);
    assert.deepEqual(sessionDetailArgs({ sessionId: 's', recordings: ['a'], context: 'session' }), ['session', '--context', 'session', '--', 's', 'a']);
    assert.deepEqual(sessionDetailArgs({ sessionId: 's', recordings: ['a'], context: 'session', routes: ['/product/:id', '/c/:id'] }), ['session', '--context', 'session', '--routes', '/product/:id,/c/:id', '--', 's', 'a']);
  });

  it('returns the whole SessionDetail of a real session, exactly as the analyzer builds it', async () => {
    const detail = await loadSessionDetailProcess({ ...SOURCE_CLI, sessionId: 'shop-0024', recordings, goal: '/checkout/confirmation', context: 'corpus', cwd: ROOT }, () => {});
    assert.equal(detail.id, 'shop-0024');
    assert.equal(detail.version, 1);
    assert.equal(detail.events.length, 447);
    assert.equal(detail.outcome.converted, true);
    assert.ok(detail.signals.some((s) => s.kind === 'rage_click' && s.element?.text === 'Pay now'));
    // Byte for byte what the analyzer holds, '€' prices included: nothing is lost or garbled in the pipe.
    const inProcess = await loadSessionDetail(recordings, 'shop-0024', { goal: '/checkout/confirmation' });
    assert.ok(JSON.stringify(inProcess.events).includes('€'));
    assert.deepEqual(detail, JSON.parse(JSON.stringify(inProcess)));
  });

  it("fails with the CLI's message, naming the id and the recordings, for an id that is not there", async () => {
    const error = await loadSessionDetailProcess({ ...SOURCE_CLI, sessionId: '-shop-9999', recordings, context: 'session', cwd: ROOT }, () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof CliError, String(error));
    assert.equal(error.exitCode, 1);
    assert.match(error.message, /^session "-shop-9999" not found in .*shop-0023\.json\.gz, .*shop-0024\.json\.gz, .*shop-0025\.json\.gz \(3 sessions read/);
  });
});
