// Small helpers over a playwright Page showing VS Code's web workbench (code-server): open the workspace, run a
// command through the palette, open a file, go to a line, hover, read notifications and the Problems panel, take
// screenshots. They drive the UI the way a user does (keyboard and mouse); selectors are VS Code 1.139's DOM.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './code-server';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

/** Selectors found useful in code-server's DOM. */
export const SEL = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  toast: '.notifications-toasts .notification-toast',
  toastMessage: '.notification-list-item-message',
  editor: '.editor-group-container.active .monaco-editor',
  lineNumbers: '.margin-view-overlays .line-numbers',
  viewLine: '.view-lines .view-line',
  hover: '.monaco-editor .monaco-hover:not(.hidden)',
  problemsPanel: '.markers-panel',
  problemsRows: '.markers-panel .monaco-list-row',
  statusBar: '.statusbar',
  /** e.g. #status.problems; extension items carry their text in innerText ("19 hotspots"). */
  statusBarItems: '.statusbar .statusbar-item',
  activeTab: '.tabs-container .tab.active',
  // Seen with the extension's views as they land (VS Code 1.139):
  /** CodeLens text above a line ("Friction: 2 hotspots · …"); the clickable part is its `a`. */
  codeLens: '.contentWidgets .codelens-decoration',
  /** Glyph-margin icons set by a TextEditorDecorationType (gutterIconPath). */
  glyphMargin: '.margin-view-overlays .cgmr',
  /** Any extension TextEditorDecorationType in an editor: VS Code names their classes `ced-<n>-<type>-…`. */
  extensionDecoration: '[class*="ced-"]',
  /** Activity bar entry of a view container: aria-label is its title ("Friction"). */
  activityItem: (title: string) => `.activitybar .action-item a[aria-label="${title}"], .activitybar .action-item a[aria-label^="${title} ("]`,
  /** Section headers of the side bar's views (aria-label "Hotspots - 19 · by file Section"). */
  sideBarViewHeaders: '.part.sidebar .pane-header',
  /** Tree rows in the side bar's views (aria-label = label + description). */
  sideBarRows: '.part.sidebar .monaco-list-row',
};

export interface Workbench {
  page: Page;
  /** ms from navigation to `.monaco-workbench` and its status bar */
  loadMs: number;
  /** wall-clock time (Date.now()) the navigation started */
  navigationStartedAt: number;
  /** Browser console errors seen so far (for failure messages). */
  consoleErrors: string[];
}

/** Opens `url` (code-server's `/?folder=<workspace>`) in a new page and waits for the workbench. */
export async function openWorkbench(browser: Browser, url: string, timeoutMs = 90_000): Promise<Workbench> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 300));
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  const navigationStartedAt = Date.now();
  await page.goto(url, { timeout: timeoutMs });
  await page.waitForSelector(SEL.workbench, { timeout: timeoutMs });
  // The activity bar and the status bar are drawn once the workbench has restored its layout.
  await page.waitForSelector('.part.statusbar', { timeout: timeoutMs });
  return { page, loadMs: Date.now() - navigationStartedAt, navigationStartedAt, consoleErrors };
}

/** Closes whatever quick input, hover or menu is open, so the next keystroke lands on the workbench. */
export async function escape(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const open = (await page.locator(`${SEL.quickInput}:visible`).count()) > 0 || (await page.locator(SEL.hover).count()) > 0;
    if (!open) return;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

async function openQuickInput(page: Page, key: string, timeoutMs: number): Promise<void> {
  await escape(page);
  // F1 and Ctrl+P are workbench keybindings, whatever has the focus (the Chat panel takes it on start-up in some
  // builds). If the quick input does not open (focus inside a webview's iframe, say), click the editor area and retry.
  await page.keyboard.press(key);
  try {
    await page.locator(SEL.quickInputBox).waitFor({ state: 'visible', timeout: timeoutMs / 2 });
  } catch {
    await page.locator('.part.editor').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press(key);
    await page.locator(SEL.quickInputBox).waitFor({ state: 'visible', timeout: timeoutMs / 2 });
  }
}

/** The labels the command palette lists for `query` (e.g. "Friction Lens"), without running anything. */
export async function paletteEntries(page: Page, query: string, timeoutMs = 15_000): Promise<string[]> {
  await openQuickInput(page, 'F1', timeoutMs);
  await page.locator(SEL.quickInputBox).fill(`>${query}`);
  await page.waitForTimeout(300);
  const labels = await page.locator(`${SEL.quickInputRows} .label-name`).allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim()).filter((l) => l !== 'No matching commands');
}

/**
 * Runs a command the way a user does: F1, type its title as the palette shows it ("Friction Lens: Analyze
 * recordings"), wait for that exact entry, click it. The palette only lists an extension's commands once the
 * extension host has registered them (a few seconds after the workbench shows), so it retypes until then.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const row = page.locator(SEL.quickInputRows).filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
  for (let attempt = 0; ; attempt++) {
    await openQuickInput(page, 'F1', Math.max(4000, deadline - Date.now()));
    await page.locator(SEL.quickInputBox).fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(2000, Math.max(500, deadline - Date.now())) });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() >= deadline) {
        throw new Error(`the command palette has no entry "${title}" after ${timeoutMs / 1000} s (${attempt + 1} tries)`, { cause: error });
      }
      await page.waitForTimeout(500);
    }
  }
  await row.click();
  // Done when the palette closes, or when the command opened a quick pick of its own (the box no longer holds ">…").
  await page.waitForFunction(
    ({ selector, typed }) => {
      const box = document.querySelector<HTMLInputElement>(selector);
      return !box || box.offsetParent === null || box.value !== typed;
    },
    { selector: SEL.quickInputBox, typed: `>${title}` },
    { timeout: 10_000 },
  );
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Opens a workspace file through Quick Open (Ctrl+P) by its path relative to the workspace, and waits for its tab. */
export async function openFile(page: Page, relativePath: string, timeoutMs = 15_000): Promise<void> {
  await openQuickInput(page, 'Control+P', timeoutMs);
  const box = page.locator(SEL.quickInputBox);
  await box.fill(relativePath);
  const name = path.basename(relativePath);
  const dir = path.dirname(relativePath);
  // Quick Open rows: label = file name, description = its folder.
  const row = page
    .locator(SEL.quickInputRows)
    .filter({ has: page.locator('.label-name', { hasText: exactly(name) }) })
    .filter({ has: page.locator('.label-description', { hasText: dir === '.' ? /.*/ : dir }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter').catch(() => undefined);
  await row.click({ timeout: 1000 }).catch(() => undefined);
  await page.locator(SEL.activeTab, { hasText: name }).waitFor({ timeout: timeoutMs });
  await page.locator(`${SEL.editor} .view-lines`).waitFor({ timeout: timeoutMs });
}

/** Ctrl+G `line:column` (1-based) in the active editor: reveals the line and puts the cursor there. */
export async function goToLine(page: Page, line: number, column = 1, timeoutMs = 10_000): Promise<void> {
  await openQuickInput(page, 'Control+G', timeoutMs);
  await page.locator(SEL.quickInputBox).fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(SEL.quickInputBox).waitFor({ state: 'hidden', timeout: timeoutMs });
  await lineNumber(page, line).waitFor({ timeout: timeoutMs });
}

/** The line-number cell of a 1-based line in the active editor (rendered only while the line is in view). */
export function lineNumber(page: Page, line: number): Locator {
  return page.locator(`${SEL.editor} ${SEL.lineNumbers}`, { hasText: exactly(String(line)) }).first();
}

/** Screen coordinates of the character at 1-based (line, column) of the active editor; the line must be in view. */
export async function positionOf(page: Page, line: number, column: number): Promise<{ x: number; y: number }> {
  const box = await lineNumber(page, line).boundingBox();
  if (!box) throw new Error(`line ${line} is not rendered in the active editor`);
  const y = box.y + box.height / 2;
  const point = await page.evaluate(
    ({ selector, y, column }) => {
      // The view line at that height; find the rectangle of its (column-1)th character.
      const lines = [...document.querySelectorAll<HTMLElement>(selector)];
      const viewLine = lines.find((el) => {
        const r = el.getBoundingClientRect();
        return r.top <= y && y < r.bottom;
      });
      if (!viewLine) return undefined;
      const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
      let offset = column - 1;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (offset < length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        offset -= length;
      }
      const r = viewLine.getBoundingClientRect();
      return { x: r.left + 4, y: r.top + r.height / 2 };
    },
    { selector: `${SEL.editor} ${SEL.viewLine}`, y, column },
  );
  if (!point) throw new Error(`no view line at line ${line}`);
  return point;
}

/**
 * Hovers the mouse over 1-based (line, column) of the active editor and returns the hover's text. Falls back to
 * "Show or Focus Hover" at the cursor when the mouse hover does not show (e.g. the pointer was already there).
 */
export async function hoverAt(page: Page, line: number, column: number, timeoutMs = 10_000): Promise<string> {
  await goToLine(page, line, column);
  const { x, y } = await positionOf(page, line, column);
  await page.mouse.move(x + 40, y + 60);
  await page.mouse.move(x, y, { steps: 4 });
  const hover = page.locator(SEL.hover).first();
  try {
    await hover.waitFor({ state: 'visible', timeout: timeoutMs / 2 });
  } catch {
    await runCommand(page, 'Show or Focus Hover');
    await hover.waitFor({ state: 'visible', timeout: timeoutMs / 2 });
  }
  // Hover participants (diagnostics, language features, extension hovers) render in turn; TypeScript's part shows
  // "Loading..." until tsserver answers, which on a cold start can take longer than we want to wait.
  await page.waitForTimeout(500);
  await page
    .waitForFunction((selector) => !document.querySelector(selector)?.textContent?.includes('Loading...'), SEL.hover, { timeout: 3000 })
    .catch(() => undefined);
  return (await hover.innerText()).trim();
}

/** The text of every notification toast on screen. */
export async function notifications(page: Page): Promise<string[]> {
  return (await page.locator(`${SEL.toast} ${SEL.toastMessage}`).allInnerTexts()).map((t) => t.trim());
}

/** Waits for a notification toast whose text matches `pattern` and returns its text. */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const toast = page.locator(`${SEL.toast} ${SEL.toastMessage}`, { hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await toast.innerText()).trim();
}

export interface ProblemRow {
  /** File name as the panel shows it (e.g. "PayButton.tsx"). */
  file: string;
  /** The folder the panel shows after the file name (relative to the workspace, e.g. "src/parts"). */
  folder: string;
  message: string;
  source: string;
  code: string;
  /** 1-based, from "[Ln x, Col y]". */
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'unknown';
}

/**
 * Opens the Problems panel (View: Focus on Problems View), maximises it and reads every row, scrolling through the
 * virtualised tree: marker rows (aria-level 2) belong to the file row (aria-level 1) above them.
 */
export async function readProblems(page: Page, timeoutMs = 15_000): Promise<ProblemRow[]> {
  await runCommand(page, 'Problems: Focus on Problems View', timeoutMs).catch(async () => {
    await escape(page);
    await page.keyboard.press('Control+Shift+M');
  });
  const panel = page.locator(SEL.problemsPanel);
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  const rawRows = new Map<number, { level: string; text: string; file: string; folder: string; message: string; source: string; code: string; lineCol: string; icon: string }>();
  const collect = async () => {
    // No named functions inside evaluate callbacks: tsx's esbuild would wrap them in a __name() the page lacks.
    const rows = await page.locator(SEL.problemsRows).evaluateAll((els) =>
      els.map((el) => {
        const [file, folder, message, source, code, lineCol] = [
          '.label-name',
          '.label-description',
          '.marker-message-details .marker-message, .marker-message',
          '.marker-source',
          '.marker-code',
          '.marker-line',
        ].map((s) => (el.querySelector(s) as HTMLElement | null)?.innerText.trim() ?? '');
        return {
          index: Number(el.getAttribute('data-index')),
          level: el.getAttribute('aria-level') ?? '',
          text: (el as HTMLElement).innerText.trim(),
          file,
          folder,
          message,
          source,
          code,
          lineCol,
          icon: (el.querySelector('.marker-icon') as HTMLElement | null)?.className ?? '',
        };
      }),
    );
    let added = 0;
    for (const row of rows) {
      if (rawRows.has(row.index)) continue;
      rawRows.set(row.index, row);
      added++;
    }
    return added;
  };
  await page.locator(SEL.problemsRows).first().waitFor({ timeout: timeoutMs }).catch(() => undefined);
  await collect();
  // Scroll the tree a screen at a time until no new row appears.
  const list = page.locator(`${SEL.problemsPanel} .monaco-list`).first();
  const box = await list.boundingBox();
  if (box) {
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, box.height * 0.8);
      await page.waitForTimeout(150);
      if (!(await collect()) && i > 0) break;
    }
  }
  const out: ProblemRow[] = [];
  let file = '';
  let folder = '';
  for (const [, row] of [...rawRows].sort((a, b) => a[0] - b[0])) {
    if (row.level === '1') {
      file = row.file;
      folder = row.folder;
      continue;
    }
    const m = /Ln (\d+), Col (\d+)/.exec(row.lineCol || row.text);
    // `.marker-icon error|warning|info` (the row's aria-label starts with "Error:", "Warning:" or "Info:" too).
    const severity = /\berror\b/.test(row.icon) ? 'error' : /\bwarning\b/.test(row.icon) ? 'warning' : /\binfo\b/.test(row.icon) ? 'info' : 'unknown';
    out.push({ file, folder, message: row.message, source: row.source, code: row.code, line: m ? Number(m[1]) : 0, column: m ? Number(m[2]) : 0, severity });
  }
  return out;
}

/** Saves a full-window screenshot to test-artifacts/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Text (the lines in view) of the output channel `channel`, picked through "Output: Show Output Channels...". */
export async function showOutputChannel(page: Page, channel: string, timeoutMs = 15_000): Promise<string> {
  await runCommand(page, 'Output: Show Output Channels...', timeoutMs);
  await page.locator(SEL.quickInputBox).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(SEL.quickInputBox).fill(channel);
  const row = page.locator(SEL.quickInputRows).filter({ has: page.locator('.label-name', { hasText: exactly(channel) }) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  const output = page.locator('.part.panel .output-view .view-lines, .part.panel [id="workbench.panel.output"] .view-lines').first();
  await output.waitFor({ timeout: timeoutMs });
  // Monaco renders spaces as no-break spaces; only the lines in view are in the DOM.
  return (await output.innerText()).replace(/\u00a0/g, ' ').trim();
}
