// The replay panel's HTML: a fixed template filled with escaped values only, a fresh nonce per render, and a
// Content-Security-Policy that allows nothing remote. Pure (no vscode import) so tests can read it.
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlInput {
  /** webview.cspSource: the origin the webview serves local resources from. */
  cspSource: string;
  /** asWebviewUri of dist/webview/main.js and dist/webview/styles.css. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
}

/** 128 random bits, base64url: a nonce is never reused across renders. */
export function createNonce(): string {
  return randomBytes(16).toString('base64url');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * - Scripts: only ours, by nonce. No 'unsafe-eval'.
 * - Styles: ours from cspSource, plus 'unsafe-inline' because rrweb rebuilds the recorded page into an
 *   about:blank iframe that inherits this policy: the page's <style> elements and style="" attributes are
 *   inline styles, and blocking them would replay an unstyled page. CSS cannot fetch anything here: url()s fall
 *   under img-src/font-src and @import under style-src, none of which allow a remote origin.
 * - Images and fonts: cspSource and data: (rrweb's cursor, inlined images); the recorded page's http(s) images,
 *   stylesheets, fonts and media are blocked, so a replay makes no network request.
 * - frame-src: nothing to load; rrweb's about:blank replay iframe needs no source.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildWebviewHtml(input: WebviewHtmlInput): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(input.nonce)) throw new Error('nonce must be at least 16 base64url characters');
  const csp = escapeHtml(contentSecurityPolicy(input.cspSource, input.nonce));
  const nonce = escapeHtml(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
  <title>${escapeHtml(input.title)}</title>
</head>
<body>
  <div id="app" class="app" data-testid="friction-replay"></div>
  <script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
