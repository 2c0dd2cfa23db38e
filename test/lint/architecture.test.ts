// The architecture rule lives in the ESLint config: analyzer/ (the pure core) may never import vscode.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');

describe('lint: the analyzer never imports vscode', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root });
  const source = "import * as vscode from 'vscode';\nexport const x = vscode;\n";

  it('rejects a vscode import under analyzer/', async () => {
    const [result] = await eslint.lintText(source, { filePath: path.join(root, 'analyzer', 'replay', 'leak.ts') });
    const rule = result.messages.find((m) => m.ruleId === 'no-restricted-imports');
    assert.ok(rule, 'no-restricted-imports fired');
    assert.match(rule.message, /analyzer\/ is the pure core/);
  });

  it('allows it in extension/', async () => {
    const [result] = await eslint.lintText(source, { filePath: path.join(root, 'extension', 'glue.ts') });
    assert.equal(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length, 0);
  });
});
