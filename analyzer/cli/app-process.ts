// Starts the user's app from the flows file's `app` command on a free port, waits until it answers, and stops it
// with its whole process group (a dev server's children included), so no server outlives the command.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AppCommand } from '../simulate/types';
import { AppUnreachableError, checkAppReachable } from '../simulate/app-reachability';

export const APP_START_TIMEOUT_MS = 60_000;

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** Quotes a path for the shell the command runs in. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

export async function startApp(app: AppCommand, options: { src: string; cwd: string; log?: (line: string) => void; timeoutMs?: number }): Promise<RunningApp> {
  const port = String(await freePort());
  const command = fill(app.command, { src: shellQuote(options.src), port });
  const url = fill(app.url, { port });
  // Its own process group, so stopping it stops whatever it spawned.
  const child = spawn(command, { cwd: options.cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
    options.log?.(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + (options.timeoutMs ?? APP_START_TIMEOUT_MS);
  for (;;) {
    if (child.exitCode !== null) throw new AppUnreachableError(`the app command exited (code ${child.exitCode}) before answering on ${url}: ${command}\n${output.trim()}`);
    try {
      await checkAppReachable(url, 1000);
      return { url, stop: () => stopGroup(child) };
    } catch {
      if (Date.now() > deadline) {
        await stopGroup(child);
        throw new AppUnreachableError(`the app did not answer on ${url} within ${(options.timeoutMs ?? APP_START_TIMEOUT_MS) / 1000} s: ${command}\n${output.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}
