// `friction session` through the CLI child process (extension/cli-process.ts): one session's SessionDetail for the
// replay panel, never computed on the extension host. No vscode import, so tests run it against the built CLI.
import type { SessionDetail, SignalContext } from '../analyzer/report/session-detail-types';
import { runCliProcess, type CancellationLike } from './cli-process';

export interface SessionDetailRequest {
  cliPath: string;
  sessionId: string;
  recordings: string[];
  /** The report's goal, so outcome and drop-off agree with the analysis. */
  goal?: string;
  context: SignalContext;
  /** Route templates ("/product/:id"), so a session read alone groups its pages as the report does. */
  routes?: string[];
  cwd?: string;
  /** Node binary (VS Code's own, as Node, by default). */
  node?: string;
}

/** `--` ends the options, so an id starting with '-' is still an id. */
export function sessionDetailArgs(request: Pick<SessionDetailRequest, 'sessionId' | 'recordings' | 'goal' | 'context' | 'routes'>): string[] {
  const options = [...(request.goal ? ['--goal', request.goal] : []), '--context', request.context, ...(request.routes?.length ? ['--routes', request.routes.join(',')] : [])];
  return ['session', ...options, '--', request.sessionId, ...request.recordings];
}

export async function loadSessionDetailProcess(request: SessionDetailRequest, onLine: (line: string) => void, cancel?: CancellationLike): Promise<SessionDetail> {
  const { stdout } = await runCliProcess({ cliPath: request.cliPath, args: sessionDetailArgs(request), cwd: request.cwd, node: request.node }, onLine, cancel);
  try {
    return JSON.parse(stdout) as SessionDetail;
  } catch (error) {
    throw new Error(`friction session ${request.sessionId} printed no readable detail: ${(error as Error).message}`);
  }
}
