// Launching Debian's Chromium with playwright-core: never a downloaded browser (the machines have no internet).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's headless shell (package chromium-headless-shell) when it is installed, else Debian's chromium. Both are
 * the same Blink; the shell has no browser UI, whereas chromium's new headless mode opens a window per browser
 * context and loads its omnibox WebUI pages there: ~230 ms against ~70 ms of real time per context here.
 */
export const CHROMIUM_PATH = process.env.FRICTION_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);

/**
 * The corpus recorder's browser: Debian's chromium, which recorded the bundled corpus. As the first page shows, the
 * headless shell now and then (8 of 240 sessions) reports the pointer at (0, 0), a mouse move no person made,
 * which the recorder's reproduction of a committed session would not have.
 */
export const RECORDING_CHROMIUM_PATH = process.env.FRICTION_CHROMIUM ?? FULL_CHROMIUM;

/**
 * Flags that keep Chromium off the network and deterministic: bfcache off so Back reloads (rrweb re-snapshots),
 * smooth scrolling off so a wheel scroll has landed before the next measurement.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=BackForwardCache',
  '--disable-smooth-scrolling',
];

export interface LaunchOptions {
  /**
   * Let Playwright close the browser and exit the process (code 130) on Ctrl-C (its default). Callers that handle
   * SIGINT themselves, closing the browser and reporting what was done (run-flow.ts), turn it off.
   */
  handleSIGINT?: boolean;
  /** Another Debian Chromium binary than CHROMIUM_PATH (RECORDING_CHROMIUM_PATH for the corpus recorder). */
  executablePath?: string;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's package (apt-get install -y chromium-headless-shell chromium) or set FRICTION_CHROMIUM`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, handleSIGINT: options.handleSIGINT ?? true });
}
