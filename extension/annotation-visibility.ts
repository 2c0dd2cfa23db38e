// The "Toggle annotations" switch: hides gutter icons, line text, hovers and CodeLens without touching the
// settings (the Problems panel keeps its diagnostics). Remembered per workspace; mirrored in a context key.
import * as vscode from 'vscode';
import type { AnnotationStyle, FrictionConfig } from './config';

const STATE_KEY = 'frictionLens.annotationsHidden';
export const VISIBLE_CONTEXT_KEY = 'frictionLens.annotationsVisible';

export class AnnotationVisibility implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly config: FrictionConfig,
  ) {
    this.subscription = config.onDidChange(() => this.publish());
    this.publish();
  }

  /** What the editor shows now: the style setting, or nothing while toggled off. */
  get style(): AnnotationStyle {
    return this.state.get<boolean>(STATE_KEY, false) ? 'off' : this.config.current.annotations.style;
  }

  get visible(): boolean {
    return this.style !== 'off';
  }

  async toggle(): Promise<boolean> {
    const hidden = !this.state.get<boolean>(STATE_KEY, false);
    await this.state.update(STATE_KEY, hidden);
    // Toggling on while the style setting is "off" would show nothing: say so rather than do nothing.
    if (!hidden && this.config.current.annotations.style === 'off') {
      void vscode.window.showInformationMessage('Friction Lens: annotations are off in the settings (frictionLens.annotations.style).', 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'frictionLens.annotations.style');
      });
    }
    this.publish();
    return this.visible;
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', VISIBLE_CONTEXT_KEY, this.visible);
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
