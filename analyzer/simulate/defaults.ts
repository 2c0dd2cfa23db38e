// Defaults of `friction simulate` and `friction gate`, apart from the modules that load Playwright so the CLI can
// show them in --help (and run every other command) without loading a browser driver.
import * as path from 'node:path';

export const DEFAULT_RUNS = 50;
/**
 * Browser contexts at once. A run mostly waits on Chromium (a frame per pointer move, page loads), so on the 2-core
 * bench machine 4 contexts did 31 runs/min against 25 with 2 and 29 with 3 (20 runs each, 2026-11-26).
 */
export const DEFAULT_PARALLEL = 4;
export const DEFAULT_GATE_RUNS = DEFAULT_RUNS;
export const DEFAULT_GATE_WORK_DIR = path.join('.friction', 'gate');
export const DEFAULT_PREDICT_RUNS = 30;
