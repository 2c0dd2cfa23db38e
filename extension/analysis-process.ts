// Runs `friction analyze` in a child process (through the generic CLI runner) and returns the parsed report;
// cancellation interrupts the child.
import type { AnalysisReport } from '../analyzer/report/types';
import { runCliProcess, type CancellationLike } from './cli-process';

export interface AnalysisRequest {
  cliPath: string;
  recordings: string;
  src: string;
  goal?: string;
  /** Session-outcome model directory (the CLI's default: the workspace's own, else the shipped one). */
  model?: string;
  /** Working directory of the CLI: the workspace root, so relative paths land in the report as written. */
  cwd?: string;
  /** Node binary to run the CLI with (VS Code's own by default). */
  node?: string;
}

export async function runAnalysisProcess(request: AnalysisRequest, onProgress: (line: string) => void, cancel: CancellationLike): Promise<AnalysisReport> {
  const args = ['analyze', request.recordings, '--src', request.src, '--format', 'json'];
  if (request.goal) args.push('--goal', request.goal);
  if (request.model) args.push('--model', request.model);
  const { stdout } = await runCliProcess({ cliPath: request.cliPath, args, cwd: request.cwd, node: request.node }, onProgress, cancel);
  try {
    return JSON.parse(stdout) as AnalysisReport;
  } catch (error) {
    throw new Error(`could not read the analysis report: ${(error as Error).message}`);
  }
}
