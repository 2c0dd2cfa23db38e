// Renders a command's terminal output to a PNG (for the README) with Debian's Chromium: `npx tsx
// scripts/screenshot-terminal.ts <out.png> -- <command...>`. Box-drawing tables need a monospace font, which a
// page gives more reliably than a headless terminal.
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../analyzer/simulate/chromium';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function main(): Promise<void> {
  const [out, dashdash, command, ...args] = process.argv.slice(2);
  if (!out || dashdash !== '--' || !command) throw new Error('usage: screenshot-terminal.ts <out.png> -- <command...>');
  const text = execFileSync(command, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 400 }, deviceScaleFactor: 1 });
    await page.setContent(
      `<body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:16px;color:#d4d4d4;font:13px/1.35 'DejaVu Sans Mono',monospace;display:inline-block">${escapeHtml(`$ ${[command, ...args].join(' ')}\n${text}`)}</pre></body>`,
    );
    await page.locator('pre').screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
