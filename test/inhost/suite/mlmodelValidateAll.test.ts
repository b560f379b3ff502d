import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ValidateAllSummary } from '../../../src/extension/language/validateAllMlmodelFiles';
import { MLMODEL_COMMANDS } from '../../../src/extension/shared/commandIds/mlmodelCommandIds';
import { activeApi, workspaceRoot } from './helpers';

const BROKEN = [
  'flavors:',
  '  python_function:',
  '    loader_module: mlflow.sklearn',
  '  sklearn:',
  '    serialization_format: cloudpickel',
  'colour: blue',
  '',
].join('\n');

describe('MLflow: Validate All MLmodel Files (real extension host)', () => {
  let dir: vscode.Uri;
  let broken: vscode.Uri;

  before(async () => {
    await activeApi();
    dir = vscode.Uri.joinPath(workspaceRoot(), 'models', 'validate-all-broken');
    broken = vscode.Uri.joinPath(dir, 'MLmodel');
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode(BROKEN));
  });
  after(async () => {
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('puts findings of MLmodel files nobody opened into Problems and sums them up', async () => {
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === broken.toString()),
      'the broken file is not open',
    );
    assert.deepEqual(vscode.languages.getDiagnostics(broken), []);

    const summary = await vscode.commands.executeCommand<ValidateAllSummary>(MLMODEL_COMMANDS.validateAll);

    const uris = await vscode.workspace.findFiles('**/MLmodel', '{**/node_modules/**,**/.git/**}');
    assert.ok(
      uris.length >= 10,
      `the demo workspace has its real models and the broken one (${uris.length})`,
    );
    assert.equal(summary.files, uris.length);
    const all = uris.flatMap((u) => vscode.languages.getDiagnostics(u));
    assert.equal(summary.errors, all.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length);
    assert.equal(
      summary.warnings,
      all.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
    );
    assert.equal(summary.cancelled, false);
    assert.equal(
      summary.message,
      `MLmodel validation: ${summary.files} files, ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}.`,
    );

    const found = vscode.languages.getDiagnostics(broken);
    const typo = found.find(
      (d) => d.severity === vscode.DiagnosticSeverity.Error && /cloudpickel/.test(d.message),
    );
    assert.ok(typo, JSON.stringify(found.map((d) => d.message)));
    assert.equal(typo.range.start.line, 4);
    const unknown = found.find(
      (d) => d.severity === vscode.DiagnosticSeverity.Warning && d.range.start.line === 5,
    );
    assert.ok(unknown, 'the unknown key is a warning, not an error');
    assert.ok(summary.errors >= 1 && summary.warnings >= 1);
  });
});
