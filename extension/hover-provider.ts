// Hovers on annotated lines: the hotspot's figures (sessions, share, conversion with and without, estimated lost
// conversions, model version) and links to its replays, in the Friction webview and, for synced data, in PostHog.
import * as vscode from 'vscode';
import type { AnnotationLayout } from './annotation-layout';
import type { AnnotationVisibility } from './annotation-visibility';
import { hoverMarkdown, REVEAL_HOTSPOTS_COMMAND } from './annotations';
import type { PosthogLinks } from './posthog-links';
import { OPEN_REPLAY_COMMAND } from './replay-links';
import type { ReportStore } from './report-store';

/** Markdown in hovers and tooltips may run these commands, and no other. */
export const TRUSTED_COMMANDS = [OPEN_REPLAY_COMMAND, REVEAL_HOTSPOTS_COMMAND];

export function trustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
  return markdown;
}

export class HotspotHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly layout: AnnotationLayout,
    private readonly store: ReportStore,
    private readonly links: PosthogLinks,
    private readonly visibility: AnnotationVisibility,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.visibility.visible) return undefined;
    const here = this.layout.annotationsIn(document.uri.fsPath).filter((p) => p.line === position.line + 1);
    if (here.length === 0) return undefined;
    here.sort((a, b) => b.annotation.hotspot.score - a.annotation.hotspot.score);
    const context = { reportModel: this.store.current?.report.model, posthog: this.links.target() };
    const contents = here.map((p) => trustedMarkdown(hoverMarkdown(p.annotation.hotspot, p.annotation.severity, { ...context, drifted: p.status === 'drifted' })));
    return new vscode.Hover(contents, document.lineAt(position.line).range);
  }
}
