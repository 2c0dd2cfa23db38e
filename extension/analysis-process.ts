// Runs `friction analyze` in a child process (the extension host never does heavy work itself) and returns the
// parsed report; cancellation kills the child.
import { spawn } from 'node:child_process';
import type { AnalysisReport } from '../analyzer/report/types';

export interface AnalysisRequest {
  cliPath: string;
  recordings: string;
  src: string;
  goal?: string;
  /** Node binary to run the CLI with (VS Code's own by default). */
  node?: string;
}

export function runAnalysisProcess(request: AnalysisRequest, onProgress: (line: string) => void, cancel: { onCancellationRequested(listener: () => void): unknown }): Promise<AnalysisReport> {
  const args = [request.cliPath, 'analyze', request.recordings, '--src', request.src, '--format', 'json'];
  if (request.goal) args.push('--goal', request.goal);
  return new Promise((resolve, reject) => {
    const child = spawn(request.node ?? process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      // The CLI writes plain progress lines when its stderr is not a terminal.
      for (const line of text.split(/\r|\n/).map((l) => l.trim()).filter(Boolean)) onProgress(line);
    });
    cancel.onCancellationRequested(() => child.kill());
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal) return reject(new Error('analysis cancelled'));
      if (code !== 0) return reject(new Error(stderr.trim().split('\n').pop() || `friction analyze exited with ${code}`));
      try {
        resolve(JSON.parse(stdout) as AnalysisReport);
      } catch (error) {
        reject(new Error(`could not read the analysis report: ${(error as Error).message}`));
      }
    });
  });
}
