import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, workspaceRoot } from './helpers';

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('MLproject language in the real editor', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activeApi();
    const dir = vscode.Uri.joinPath(workspaceRoot(), 'projects', 'broken-project');
    uri = vscode.Uri.joinPath(dir, 'MLproject');
    await vscode.workspace.fs.createDirectory(dir);
    const text = [
      'name: broken',
      'python_env: python_env.yaml',
      'entry_points:',
      '  main:',
      '    parameters:',
      '      alpha: {type: float, default: 0.5}',
      '    command: "python train.py --alpha {alpha} --epochs {epochs}"',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  });

  it('opens as mlproject and reports the unknown placeholder and the missing python_env.yaml', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'mlproject');
    const diagnostics = await waitFor('two diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length >= 2 ? found : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['missing-file', 'unknown-placeholder']);
    const placeholder = diagnostics.find((d) => codeOf(d) === 'unknown-placeholder');
    assert.equal(document.getText(placeholder?.range), '{epochs}');
    assert.equal(placeholder?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('clears the missing-file error once python_env.yaml exists', async () => {
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(uri, '..', 'python_env.yaml'),
      new TextEncoder().encode('python: "3.11"\n'),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    // Touch the document so it is validated again whether or not a file event arrived.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '');
    edit.insert(uri, document.positionAt(document.getText().length), '\n');
    await vscode.workspace.applyEdit(edit);
    await waitFor('only the placeholder error', () => {
      const codes = vscode.languages.getDiagnostics(uri).map(codeOf);
      return codes.length === 1 && codes[0] === 'unknown-placeholder' ? true : undefined;
    });
  });

  it('outlines entry points and hovers keys through the registered providers', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.map((c) => c.name)]),
      [['main', ['alpha']]],
    );
    const document = await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      document.positionAt(document.getText().indexOf('python_env') + 2),
    );
    const text = hovers
      .flatMap((h) =>
        h.contents.map((c) =>
          c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : '',
        ),
      )
      .join('\n');
    assert.match(text, /virtualenv/);
  });
});
