// The single HTML document served for every app route, with the runtime config inlined.
import type { ShopConfig } from '../src/config';

// JSON is not HTML-safe: "</script>" or "<!--" inside a string would end the inline script early.
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function renderIndexHtml(config: ShopConfig, extraHeadHtml = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thread &amp; Co.</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/styles.css">
<script>window.__SHOP_CONFIG__=${inlineJson(config)};</script>
${extraHeadHtml}
<script src="/app.js" defer></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`;
}
