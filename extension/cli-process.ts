// Runs one `friction` CLI command in a child process, so the extension host never does heavy work itself:
// stderr lines (the CLI's progress) stream back as they come, cancellation interrupts the child, secrets travel in
// the environment only. No vscode import: the caller adapts progress and cancellation.
import { spawn } from 'node:child_process';

export interface CliRequest {
  /** dist/cli.js of the extension. */
  cliPath: string;
  args: string[];
  /** The workspace root: the CLI resolves .friction/ paths against it. */
  cwd?: string;
  /** Added to the environment; the place for secrets (never put them in args: they show in process lists). */
  env?: Record<string, string>;
  /** Node binary to run the CLI with (VS Code's own, as Node, by default). */
  node?: string;
  /** Stream stdout lines to onLine as well (for commands whose stdout is a human summary, not a report). */
  streamStdout?: boolean;
}

export interface CliResult {
  stdout: string;
  stderr: string;
}

export interface CancellationLike {
  isCancellationRequested?: boolean;
  onCancellationRequested(listener: () => void): unknown;
}

/** A non-zero exit: the message is the CLI's own last error line (it names what to check). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export class CliCancelledError extends Error {}

/**
 * SIGINT first: `friction sync` stops at its next safe point (the cache stays consistent, the next run resumes);
 * the others exit at once. A child still running after this grace period is killed.
 */
export const CANCEL_GRACE_MS = 5000;

function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr.split(/\r|\n/).map((l) => l.trim()).filter(Boolean);
  const line = [...lines].reverse().find((l) => /^friction: |^error: /.test(l)) ?? lines[lines.length - 1];
  return line?.replace(/^friction: /, '');
}

/** Chunks -> whole lines (a chunk may end mid-line); flush() delivers the unterminated tail. */
function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let pending = '';
  const emit = (part: string) => part.trim() && onLine(part.trim());
  return {
    push(chunk) {
      const parts = (pending + chunk).split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      parts.forEach(emit);
    },
    flush() {
      emit(pending);
      pending = '';
    },
  };
}

export function runCliProcess(request: CliRequest, onLine: (line: string) => void, cancel?: CancellationLike): Promise<CliResult> {
  const name = request.args[0] ?? 'friction';
  return new Promise((resolve, reject) => {
    if (cancel?.isCancellationRequested) return reject(new CliCancelledError(`friction ${name} cancelled`));
    const child = spawn(request.node ?? process.execPath, [request.cliPath, ...request.args], {
      cwd: request.cwd,
      env: { ...process.env, ...request.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stdoutLines = lineSplitter(onLine);
    const stderrLines = lineSplitter(onLine);
    // Decoded by the streams (a StringDecoder), so a multi-byte character split across chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (request.streamStdout) stdoutLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      stderrLines.push(chunk);
    });
    cancel?.onCancellationRequested(() => {
      if (child.exitCode !== null || cancelled) return;
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    });
    child.on('error', (error) => reject(new CliError(`cannot start the friction CLI: ${error.message}`, null, stderr)));
    child.on('close', (code) => {
      if (killTimer) clearTimeout(killTimer);
      stderrLines.flush();
      if (request.streamStdout) stdoutLines.flush();
      if (cancelled) return reject(new CliCancelledError(`friction ${name} cancelled`));
      if (code !== 0) return reject(new CliError(lastErrorLine(stderr) ?? `friction ${name} exited with ${code}`, code, stderr));
      resolve({ stdout, stderr });
    });
  });
}
