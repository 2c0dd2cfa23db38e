// Entry point VS Code's extension host loads for `npm run test:electron` (@vscode/test-electron's
// extensionTestsPath): runs every bundled *.electron.js suite next to it with mocha, inside the real extension host.
// Bundled by scripts/e2e/run-electron-tests.ts into out/electron/; not part of `npm test`.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 120_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.electron.js'))) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} electron test(s) failed`)) : resolve()));
  });
}
