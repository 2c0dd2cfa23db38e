// Serves the example shop for an evaluation in a child process (its own server.ts under tsx): `friction eval` runs
// from the bundled dist/cli.js, where the shop's build, which finds src/ beside its own file, cannot be bundled.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The shop bundles itself with esbuild on first start: allow for a cold, busy machine. */
const SHOP_START_TIMEOUT_MS = 60_000;
/** After SIGINT the server closes and exits; past this it is killed. */
const SHOP_STOP_TIMEOUT_MS = 5000;

export interface ShopProcess {
  url: string;
  stop(): Promise<void>;
}

export function serveShop(root: string, variant: 'friction' | 'fixed'): Promise<ShopProcess> {
  const server = path.join(root, 'examples', 'shop', 'server', 'server.ts');
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), server, '--variant', variant, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill('SIGKILL'), SHOP_STOP_TIMEOUT_MS);
    child.kill('SIGINT');
    await exited;
    clearTimeout(force);
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let started = false;
    const fail = (why: string) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`the example shop did not start (${why}): ${output.trim().slice(-500)}`)));
    };
    const timer = setTimeout(() => fail(`no URL within ${SHOP_START_TIMEOUT_MS / 1000} s`), SHOP_START_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (started || !url) return;
      started = true;
      clearTimeout(timer);
      resolve({ url, stop });
    });
    child.once('exit', (code) => fail(`exited with code ${code}`));
  });
}
