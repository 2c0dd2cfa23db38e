// Runs inside VS Code's extension host (npm run test:electron), with the vscode API itself: the same checks as
// test/e2e/extension.e2e.test.ts, read from the API instead of the UI. Named *.electron.ts so that `npm test`'s
// glob (test/**/*.test.ts) never loads it under plain Node.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'friction-lens.friction-lens';

describe('electron: the extension in VS Code', () => {
  it('activates in a workspace with .friction/', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
    assert.ok(extension.isActive);
    assert.ok((await vscode.commands.getCommands(true)).includes('frictionLens.analyze'));
  });

  it('publishes the Pay button rage clicks as a diagnostic on PayButton.tsx line 4', async () => {
    await vscode.commands.executeCommand('frictionLens.analyze');
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = vscode.Uri.file(path.join(root, 'src', 'parts', 'PayButton.tsx'));
    const diagnostics = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Friction Lens');
    assert.ok(diagnostics.some((d) => d.range.start.line === 3), JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message])));
  });
});
