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

describe('MLmodel language in the real editor', () => {
  let dir: vscode.Uri;
  let uri: vscode.Uri;

  before(async () => {
    await activeApi();
    dir = vscode.Uri.joinPath(workspaceRoot(), 'models', 'broken-model');
    uri = vscode.Uri.joinPath(dir, 'MLmodel');
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(dir, 'conda.yaml'),
      new TextEncoder().encode('dependencies:\n- python=3.11.2\n- pip<=23.0.1\n- pip:\n  - mlflow==2.17.2\n'),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'model.pkl'), new Uint8Array([1]));
    const text = [
      'flavors:',
      '  python_function:',
      '    env:',
      '      conda: conda.yaml',
      '      virtualenv: python_env.yaml',
      '    loader_module: mlflow.sklearn',
      '    model_path: model.pkl',
      '  sklearn:',
      '    pickled_model: model.pkl',
      '    serialization_format: cloudpickel',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  });

  it('opens as mlmodel and reports the enum typo and the missing python_env.yaml', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'mlmodel');
    const diagnostics = await waitFor('two diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length >= 2 ? found : undefined;
    });
    const codes = diagnostics
      .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)))
      .sort();
    assert.deepEqual(codes, ['invalid-value', 'missing-file']);
    const typo = diagnostics.find((d) => d.code === 'invalid-value');
    assert.equal(document.getText(typo?.range), 'cloudpickel');
    assert.equal(typo?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('fixes the typo with the quick fix, and the error goes', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const typo = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'invalid-value');
    assert.ok(typo);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      typo.range,
    );
    const fix = actions.find((a) => a.title === 'Change to "cloudpickle"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /serialization_format: cloudpickle\n/);
    await waitFor('the typo error to go', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.code === 'invalid-value') ? undefined : true,
    );
  });

  it('creates python_env.yaml from conda.yaml with the quick fix, and the warning goes', async () => {
    const missing = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'missing-file');
    assert.ok(missing);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      missing.range,
    );
    const create = actions.find((a) => a.title === 'Create python_env.yaml from conda.yaml');
    assert.ok(create?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    // The new file is open with its text, unsaved, for the user to review and save.
    const written = (
      await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, 'python_env.yaml'))
    ).getText();
    assert.match(written, /^python: 3\.11\.2\n/);
    await waitFor('no diagnostics', () =>
      vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined,
    );
  });

  it('completes, hovers and outlines through the registered providers', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf('cloudpickle'));
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      at,
    );
    assert.ok(completions.items.some((i) => i.label === 'pickle'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      document.positionAt(document.getText().indexOf('pickled_model') + 2),
    );
    assert.match(
      hovers
        .flatMap((h) =>
          h.contents.map((c) =>
            c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : '',
          ),
        )
        .join('\n'),
      /serialized estimator/,
    );
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['flavors'],
    );
    assert.equal(symbols[0]?.kind, vscode.SymbolKind.Module);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      uri,
    );
    assert.ok(folds.some((f) => f.start === 0));
  });
});

describe('MLmodel diagnostics on the real demo models', () => {
  it('report no errors or warnings for models exactly as MLflow logged them (binaries included)', async () => {
    for (const name of ['iris-logistic-regression', 'iris-xgboost', 'wine-elasticnet-pyfunc']) {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'models', name, 'MLmodel');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // diagnostics are debounced: wait until this file has been looked at, then judge
      await new Promise((r) => setTimeout(r, 1500));
      const bad = vscode.languages
        .getDiagnostics(uri)
        .filter(
          (d) =>
            d.severity === vscode.DiagnosticSeverity.Error ||
            d.severity === vscode.DiagnosticSeverity.Warning,
        );
      assert.deepEqual(
        bad.map((d) => `${name}:${String(d.range.start.line + 1)}: ${d.message}`),
        [],
      );
    }
  });
});
