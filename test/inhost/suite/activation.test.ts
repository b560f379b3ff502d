import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IMPLEMENTED_COMMANDS } from '../../../src/extension/shared/commandIds/implementedCommands';
import { EXTENSION_ID, activeApi, workspaceRoot } from './helpers';

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly views: Record<string, readonly { readonly id: string }[]>;
    readonly menus: {
      readonly commandPalette: readonly { readonly command: string; readonly when?: string }[];
    };
  };
}

describe('activation and contributions (real extension host)', () => {
  it('activates on its own in a workspace holding mlflow.db (workspaceContains)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is loaded');
    const deadline = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(ext.isActive, true, 'activated by workspaceContains:**/mlflow.db without anyone asking');
    const api = await activeApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });

  it('registers every implemented command, and none of the contributed-but-hidden ones', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of IMPLEMENTED_COMMANDS) {
      assert.ok(all.has(id), `${id} is registered`);
    }
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const implemented = new Set<string>(IMPLEMENTED_COMMANDS);
    const hidden = manifest.contributes.commands.map((c) => c.command).filter((id) => !implemented.has(id));
    const paletteHidden = new Set(
      manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command),
    );
    for (const id of hidden) {
      assert.ok(paletteHidden.has(id), `${id} has no handler yet, so it is hidden from the palette`);
      assert.equal(all.has(id), false, `${id} has no handler yet, so nothing may register it`);
    }
  });

  it('registers every command through the one error-reporting path (withErrorReport)', async () => {
    const reported = new Set((await activeApi()).reportedCommands());
    const missing = IMPLEMENTED_COMMANDS.filter((id) => !reported.has(id));
    assert.deepEqual(missing, [], 'registered without the error report');
    assert.equal(
      reported.size,
      IMPLEMENTED_COMMANDS.length,
      'nothing outside the implemented list goes through it either',
    );
  });

  it('contributes the MLflow container with the Experiments, Models, Prompts and Serving views', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const view of ['mlflow.experiments', 'mlflow.models', 'mlflow.prompts', 'mlflow.serving']) {
      assert.ok(all.has(`${view}.focus`), `${view} is a registered view`);
    }
    await vscode.commands.executeCommand('workbench.view.extension.mlflow');
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    assert.deepEqual(
      manifest.contributes.views.mlflow?.map((v) => v.id),
      ['mlflow.experiments', 'mlflow.models', 'mlflow.prompts', 'mlflow.serving'],
    );
  });

  it('assigns the mlmodel language to files named MLmodel, and only to them', async () => {
    const mlmodel = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression', 'MLmodel');
    const doc = await vscode.workspace.openTextDocument(mlmodel);
    assert.equal(doc.languageId, 'mlmodel');
    await vscode.window.showTextDocument(doc);
    const conda = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression', 'conda.yaml'),
    );
    assert.equal(conda.languageId, 'yaml');
    assert.ok((await vscode.languages.getLanguages()).includes('mlmodel'));
  });
});
