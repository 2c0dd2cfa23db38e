// The replay panel's HTML: a CSP that allows only the panel's own script (by a fresh nonce) and local resources,
// and nothing remote anywhere in the document.
import assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy, createNonce, escapeHtml } from '../../webview/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const input = (nonce = createNonce()) => ({
  cspSource: CSP_SOURCE,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/styles.css',
  nonce,
  title: 'Friction Lens: Replays',
});

function cspOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  const directives = content.replace(/&#39;/g, "'").split(';').map((d) => d.trim().split(/\s+/));
  return new Map(directives.map(([name, ...values]) => [name, values]));
}

describe('webview HTML', () => {
  it('sets a CSP that denies by default and runs scripts only by the nonce of this render', () => {
    const nonce = createNonce();
    const html = buildWebviewHtml(input(nonce));
    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('img-src'), [CSP_SOURCE, 'data:']);
    assert.deepEqual(csp.get('font-src'), [CSP_SOURCE]);
    // Inline styles are for the rrweb replay iframe (it inherits this policy); no remote origin is allowed.
    assert.deepEqual(csp.get('style-src'), [CSP_SOURCE, "'unsafe-inline'"]);
    assert.deepEqual(csp.get('frame-src'), ["'none'"]);
    for (const [name, values] of csp) {
      assert.ok(!values.includes("'unsafe-eval'"), `${name} allows no eval`);
      assert.ok(!values.some((v) => v === '*' || v === 'http:' || v === 'https:' || /^https?:\/\/(?!\*\.vscode-cdn\.net$)/.test(v)), `${name} allows no remote origin: ${values.join(' ')}`);
    }
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], new RegExp(`nonce="${nonce}"`));
  });

  it('draws a fresh 128-bit nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(buildWebviewHtml(input()), buildWebviewHtml(input()));
  });

  it('loads only the given local script and stylesheet: no other URL in the document', () => {
    const html = buildWebviewHtml(input());
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls.sort(), [input().scriptUri, input().styleUri].sort());
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    assert.deepEqual(withoutCsp.match(/https?:\/\/[^"\s]+/g)?.sort(), [input().scriptUri, input().styleUri].sort());
  });

  it('escapes every value it fills in and refuses a nonce that could break out of the policy', () => {
    const html = buildWebviewHtml({ ...input(), title: '</title><script>alert(1)</script>', scriptUri: 'x" onload="alert(1)' });
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!html.includes('" onload="'));
    assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;'));
    assert.throws(() => buildWebviewHtml(input("abc'; script-src *")), /nonce must be/);
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.match(contentSecurityPolicy(CSP_SOURCE, 'n'.repeat(22)), /script-src 'nonce-n{22}'/);
  });
});
