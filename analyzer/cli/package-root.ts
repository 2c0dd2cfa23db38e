// Where the package's own files (bundled corpus, example sources, shipped models) are, from the CLI's location.
import * as path from 'node:path';

/** dist/cli.js sits one level below the package root, analyzer/cli/*.ts two. */
export function packageRoot(): string {
  return path.basename(__dirname) === 'dist' ? path.resolve(__dirname, '..') : path.resolve(__dirname, '..', '..');
}
