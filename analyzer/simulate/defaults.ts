// Defaults of `friction simulate` and `friction gate`, apart from the modules that load Playwright so the CLI can
// show them in --help (and run every other command) without loading a browser driver.
import * as path from 'node:path';

export const DEFAULT_RUNS = 50;
/**
 * Browser contexts at once. A run waits on Chromium part of the time (a frame per wheel notch and click, page
 * loads), so more contexts than cores keep them busy; past that, runs only get longer. On the 2-core bench machine
 * (npm run bench, section g, 20 runs, 2026-11-26): 3 contexts did 38.6 and 41.4 runs/min with a completed checkout
 * in 6.6 and 5.9 s; 4 contexts 43.3 and 39.5 runs/min, in 8.0 and 8.7 s.
 */
export const DEFAULT_PARALLEL = 3;
export const DEFAULT_GATE_RUNS = DEFAULT_RUNS;
export const DEFAULT_GATE_WORK_DIR = path.join('.friction', 'gate');
export const DEFAULT_PREDICT_RUNS = 30;
