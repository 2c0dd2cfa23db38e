// Heavy work as a VS Code task: a CLI child process under a cancellable progress notification, its lines in the
// log and the notification, one task of a kind at a time, failures shown with the CLI's own message.
import * as vscode from 'vscode';
import { CliCancelledError, type CancellationLike } from './cli-process';
import type { FrictionStatusBar } from './status-bar';

export type CliWork<T> = (onLine: (line: string) => void, cancel: CancellationLike) => Promise<T>;

/** Long lines are cut in the notification (the log keeps them whole). */
const PROGRESS_MESSAGE_CHARS = 100;

export class CliTasks implements vscode.Disposable {
  private readonly running = new Set<string>();
  /** One per running task: disposing the extension cancels them, so no child outlives it. */
  private readonly stops = new Set<vscode.CancellationTokenSource>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: FrictionStatusBar,
  ) {}

  /**
   * Runs `work` with progress; resolves to its result, or undefined when it was cancelled, failed (the error is
   * shown and logged) or the same task is already running.
   */
  async run<T>(task: { id: string; title: string; busy: string }, work: CliWork<T>): Promise<T | undefined> {
    if (this.running.has(task.id)) {
      void vscode.window.showInformationMessage(`Friction Lens: ${task.busy} is already running.`);
      return undefined;
    }
    this.running.add(task.id);
    this.statusBar.setBusy(task.busy);
    this.log.info(`${task.title}: started`);
    const stop = new vscode.CancellationTokenSource();
    this.stops.add(stop);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Friction Lens: ${task.title}`, cancellable: true }, (progress, token) => {
        // Cancelled from the notification's button or by the extension shutting down.
        const cancel: CancellationLike = {
          get isCancellationRequested() {
            return token.isCancellationRequested || stop.token.isCancellationRequested;
          },
          onCancellationRequested: (listener) => [token.onCancellationRequested(listener), stop.token.onCancellationRequested(listener)],
        };
        return work((line) => {
          this.log.info(line);
          progress.report({ message: line.slice(0, PROGRESS_MESSAGE_CHARS) });
        }, cancel);
      });
    } catch (error) {
      if (error instanceof CliCancelledError) {
        this.log.info(`${task.title}: cancelled`);
        return undefined;
      }
      this.log.error(`${task.title}: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Friction Lens: ${(error as Error).message}`, 'Show Log').then((choice) => choice && this.log.show());
      return undefined;
    } finally {
      this.stops.delete(stop);
      stop.dispose();
      this.running.delete(task.id);
      this.statusBar.setBusy(this.running.size ? 'working' : undefined);
    }
  }

  dispose(): void {
    for (const stop of this.stops) stop.cancel();
  }
}
