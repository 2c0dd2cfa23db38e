// Defaults of `friction simulate` and `friction gate`, apart from the modules that load Playwright so the CLI can
// show them in --help (and run every other command) without loading a browser driver.
import * as path from 'node:path';

export const DEFAULT_RUNS = 50;
export const DEFAULT_PARALLEL = 2;
export const DEFAULT_GATE_RUNS = DEFAULT_RUNS;
export const DEFAULT_GATE_WORK_DIR = path.join('.friction', 'gate');
export const DEFAULT_PREDICT_RUNS = 30;
