// Small helpers over a playwright Page showing VS Code's web workbench (code-server): open the workspace, run a
// command through the palette, open a file, go to a line, hover, read notifications and the Problems panel, take
// screenshots. They drive the UI the way a user does (keyboard and mouse); selectors are VS Code 1.139's DOM.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
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
  /** Glyph-margin icons set by a TextEditorDecorationType (gutterIconPath); 1.139 draws them as glyph widgets. */
  // VS Code's own code-action lightbulb shares the .cgmr class; only our decorations count.
  glyphMargin: '.glyph-margin-widgets .cgmr:not(.codicon-gutter-lightbulb)',
  /** Any extension TextEditorDecorationType in an editor: VS Code names their classes `ced-<n>-<type>-…`. */
  extensionDecoration: '[class*="ced-"]',
  /** Activity bar entry of a view container: aria-label is its title ("Friction"). */
  activityItem: (title: string) => `.activitybar .action-item a[aria-label="${title}"], .activitybar .action-item a[aria-label^="${title} ("]`,
  /** Section headers of the side bar's views (aria-label "Hotspots - 19 · by file Section"). */
  sideBarViewHeaders: '.part.sidebar .pane-header',
  /** Tree rows in the side bar's views (aria-label = label + description). */
  sideBarRows: '.part.sidebar .monaco-list-row',
  /** A view's pane in the side bar: header (aria-label "<Title> - <description> Section") and body. */
  sideBarPane: (title: string) => `.part.sidebar .pane:has(> .pane-header[aria-label^="${title} "])`,
  /** "Ln 4, Col 5" of the active editor. */
  cursorStatus: '[id="status.editor.selection"]',
  /** A status-bar item contributed by an extension: `<extension id>.<item id>`. */
  statusItem: (id: string) => `.statusbar [id="${id}"]`,
  /** The editor hover's parts rendered from one MarkdownString each (a diagnostic, an extension's hover...). */
  hoverParts: '.monaco-editor .monaco-hover:not(.hidden) .hover-contents',
  /** The resize handle at the bottom of the editor hover. */
  hoverResizeSouth: '.monaco-resizable-hover:has(.monaco-hover:not(.hidden)) .monaco-sash.orthogonal-edge-south:not(.disabled)',
  primarySideBarSash: '.monaco-sash.vertical.primary-sidebar-sash',
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
  // The list first shows the recently opened files, then the matches for what was typed: Enter only once the
  // focused row is the file (pressed earlier, it opens whatever was focused in the stale list).
  const focused = await row.and(page.locator('.monaco-list-row.focused')).waitFor({ timeout: 3000 }).then(() => true, () => false);
  if (focused) await page.keyboard.press('Enter');
  else await row.click();
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
  // Visible only: a group keeps the DOM of editors it no longer shows.
  return page.locator(`${SEL.editor} ${SEL.lineNumbers}`, { hasText: exactly(String(line)) }).filter({ visible: true }).first();
}

/** Screen coordinates of the character at 1-based (line, column) of the active editor; the line must be in view. */
export async function positionOf(page: Page, line: number, column: number): Promise<{ x: number; y: number }> {
  // Monaco redraws its lines as the view settles (a CodeLens arriving, a reveal): the cell found may be replaced
  // before it is measured, so look again for a moment.
  let box = await lineNumber(page, line).boundingBox({ timeout: 2000 }).catch(() => null);
  for (let i = 0; !box && i < 10; i++) {
    await page.waitForTimeout(100);
    box = await lineNumber(page, line).boundingBox({ timeout: 2000 }).catch(() => null);
  }
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
 * Tries again when the hover closes before it is read: a CodeLens arriving above the line moves the text under the
 * pointer, and the editor then hides its hover.
 */
export async function hoverAt(page: Page, line: number, column: number, timeoutMs = 10_000): Promise<string> {
  const hover = page.locator(SEL.hover).first();
  for (let attempt = 1; ; attempt++) {
    await goToLine(page, line, column);
    const { x, y } = await positionOf(page, line, column);
    await page.mouse.move(x + 40, y + 60);
    await page.mouse.move(x, y, { steps: 4 });
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
    const text = await hover.innerText({ timeout: 1000 }).catch(() => undefined);
    if (text !== undefined) return text.trim();
    if (attempt === 3) throw new Error(`the hover at ${line}:${column} kept closing before it could be read`);
    await escape(page);
  }
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

/**
 * Polls `read` until `done` accepts its value and returns that value; on timeout throws with the last value seen.
 * For conditions only the test side can judge (DOM read through several calls, files on disk...).
 */
export async function waitForValue<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}

/** The active editor's cursor as the status bar shows it ("Ln 4, Col 5"). */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const text = await page.locator(SEL.cursorStatus).innerText({ timeout: 2000 }).catch(() => '');
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The lines of the active editor in view, top to bottom (Monaco reuses line elements out of order). */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator(`${SEL.editor} ${SEL.viewLine}`).evaluateAll((els) =>
    els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top), text: el.textContent ?? '' })).sort((a, b) => a.top - b.top).map((l) => l.text),
  );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

export interface EditorAnnotations {
  /** Glyph-margin icons (gutterIconPath decorations) by the 1-based line they sit on. */
  glyphs: { line: number; className: string }[];
  /** End-of-line texts (a decoration's `after` content, a CSS ::after) by line. */
  endOfLine: { line: number; text: string }[];
  /** CodeLens texts and the line each stands above. */
  codeLenses: { text: string; above: number }[];
}

/**
 * What decorations and CodeLens the active editor shows on its lines in view: each element is matched to the
 * line-number cell at its height (glyphs, line text) or to the first line below it (CodeLens, drawn in a view zone).
 */
export async function editorAnnotations(page: Page): Promise<EditorAnnotations> {
  return page.locator(SEL.editor).first().evaluate(
    (editor, sel) => {
      const lines = [...editor.querySelectorAll<HTMLElement>(sel.lineNumbers)]
        .map((el) => ({ line: Number(el.textContent?.trim()), rect: el.getBoundingClientRect() }))
        .filter((l) => Number.isFinite(l.line) && l.line > 0)
        .sort((a, b) => a.rect.top - b.rect.top);
      // No named functions in here (tsx would wrap them in a __name() the page lacks): the matching is inlined.
      const glyphs = [...editor.querySelectorAll(sel.glyph)].map((el) => {
        const r = el.getBoundingClientRect();
        const y = r.top + r.height / 2;
        return { line: lines.find((l) => l.rect.top <= y && y < l.rect.bottom)?.line ?? 0, className: el.className };
      });
      const endOfLine = [...editor.querySelectorAll('.view-lines [class*="ced-"]')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          const y = r.top + r.height / 2;
          return { line: lines.find((l) => l.rect.top <= y && y < l.rect.bottom)?.line ?? 0, content: getComputedStyle(el, '::after').content };
        })
        .filter((e) => e.content && e.content !== 'none' && e.content !== 'normal')
        // The computed content is a CSS string: "\"⚡ dead clicks · …\"".
        .map((e) => ({ line: e.line, text: e.content.replace(/^"|"$/g, '').replace(/\\"/g, '"') }));
      const codeLenses = [...editor.querySelectorAll(sel.codeLens)].map((el) => {
        const bottom = el.getBoundingClientRect().bottom;
        return { text: (el as HTMLElement).innerText.trim(), above: lines.find((l) => l.rect.top >= bottom - 2)?.line ?? 0 };
      });
      return { glyphs, endOfLine, codeLenses };
    },
    { lineNumbers: SEL.lineNumbers, glyph: SEL.glyphMargin, codeLens: '.codelens-decoration' },
  );
}

export interface HoverCard {
  /** The first paragraph ("⚡ Dead clicks on /checkout/payment · … — high severity"). */
  title: string;
  /** The figures table: row header -> value. */
  rows: Record<string, string>;
  /** Every link: its text and target (command links keep theirs in data-href). */
  links: { text: string; href: string }[];
}

/** The parts of the visible editor hover that hold a table: one card per hotspot of the Friction Lens hover. */
export async function hoverCards(page: Page): Promise<HoverCard[]> {
  return page.locator(SEL.hoverParts).evaluateAll((parts) =>
    parts
      .filter((part) => part.querySelector('table'))
      .map((part) => ({
        title: (part.querySelector('p') as HTMLElement | null)?.innerText.trim() ?? '',
        rows: Object.fromEntries(
          [...part.querySelectorAll('table tr')]
            .map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim()))
            .filter((cells) => cells.length >= 2 && cells[0])
            .map((cells) => [cells[0], cells[1]]),
        ),
        links: [...part.querySelectorAll('a')].map((a) => ({ text: (a as HTMLElement).innerText.trim(), href: a.getAttribute('data-href') || a.getAttribute('href') || '' })),
      })),
  );
}

/**
 * Drags the editor hover's bottom edge down until its content shows whole (or the editor ends), as a user would.
 * The pointer must not rest outside the hover (after the editor's hiding delay the hover closes), nor leave the
 * editor: it is pressed at once on the edge and brought back into the hover when done.
 */
export async function expandHover(page: Page): Promise<void> {
  const hover = page.locator(SEL.hover).first();
  const sizes = await hover.evaluate((el) => {
    const content = el.querySelector('.monaco-hover-content') as HTMLElement | null;
    return { content: content?.scrollHeight ?? 0, shown: el.getBoundingClientRect().height, bottom: el.getBoundingClientRect().bottom };
  });
  const editor = await page.locator(SEL.editor).filter({ visible: true }).first().boundingBox();
  const grow = Math.min(sizes.content - sizes.shown + 8, (editor ? editor.y + editor.height : 0) - sizes.bottom - 12);
  if (grow <= 4) return;
  const sash = await page.locator(SEL.hoverResizeSouth).first().boundingBox();
  if (!sash) return;
  const x = sash.x + sash.width / 2;
  const y = sash.y + sash.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + grow / 2, { steps: 5 });
  await page.mouse.move(x, y + grow, { steps: 5 });
  await page.mouse.up();
  const box = await hover.boundingBox();
  if (box) await page.mouse.move(x, box.y + box.height / 2, { steps: 3 });
  await hover.waitFor({ state: 'visible', timeout: 2000 });
}

/** Drags the primary side bar's edge so it is `width` px wide (tree descriptions stop being cut off). */
export async function resizeSideBar(page: Page, width: number): Promise<void> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const sash = await page.locator(SEL.primarySideBarSash).first().boundingBox();
  if (!sidebar || !sash || Math.abs(sidebar.width - width) < 4) return;
  const y = sash.y + sash.height / 2;
  await page.mouse.move(sash.x + sash.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(sash.x + (width - sidebar.width) / 2, y, { steps: 5 });
  await page.mouse.move(sash.x + sash.width / 2 + width - sidebar.width, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((w) => Math.abs((document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) - w) < 8, width, { timeout: 3000 });
}

/** Opens a view container from the activity bar ("Friction") unless it shows already, and waits for one of its views. */
export async function showViewContainer(page: Page, title: string, firstView: string, timeoutMs = 10_000): Promise<void> {
  const pane = page.locator(SEL.sideBarPane(firstView));
  if (await pane.isVisible()) return;
  await page.locator(SEL.activityItem(title)).first().click();
  await pane.waitFor({ state: 'visible', timeout: timeoutMs });
}

export interface TreeRow {
  index: number;
  /** 1 for top-level rows. */
  level: number;
  label: string;
  description: string;
  ariaLabel: string;
}

/** Every row of a side-bar tree view, scrolling through its virtualised list (rows exist only while in view). */
export async function readTree(page: Page, view: string): Promise<TreeRow[]> {
  const pane = page.locator(SEL.sideBarPane(view));
  const rows = pane.locator('.monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  const seen = new Map<number, TreeRow>();
  const collect = async () => {
    const batch = await rows.evaluateAll((els) =>
      els.map((el) => ({
        index: Number(el.getAttribute('data-index')),
        level: Number(el.getAttribute('aria-level')),
        label: (el.querySelector('.label-name') as HTMLElement | null)?.innerText.trim() ?? '',
        description: (el.querySelector('.label-description') as HTMLElement | null)?.innerText.trim() ?? '',
        ariaLabel: el.getAttribute('aria-label') ?? '',
      })),
    );
    let added = 0;
    for (const row of batch) {
      if (seen.has(row.index)) continue;
      seen.set(row.index, row);
      added++;
    }
    return added;
  };
  await collect();
  const list = pane.locator('.monaco-list').first();
  const box = await list.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, box.height * 0.8);
      await page.waitForTimeout(100);
      if (!(await collect())) break;
    }
    // Back to the top, where a user starts reading.
    await page.mouse.wheel(0, -100_000);
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** The first frame (webviews nest two: VS Code's host iframe, then the content) that holds `selector`. */
export async function frameWith(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() >= deadline) throw new Error(`no frame holds ${selector} after ${timeoutMs / 1000} s (frames: ${page.frames().map((f) => f.url().slice(0, 100)).join(', ')})`);
    await page.waitForTimeout(200);
  }
}
