import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import { EXTENSION_ID, workspaceRoot } from './helpers';

const standIn = (): string =>
  path.join(
    vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '',
    'test',
    'support',
    'cli',
    'python',
  );
const model = (name: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), 'models', name, 'MLmodel');

describe('predict, Dockerfile and Docker image (real extension host, mlflow CLI stand-in)', () => {
  before(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Predict with Example runs `mlflow models predict` on the logged example and opens the predictions', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>(
      COMMANDS.predict,
      model('iris-logistic-regression'),
    );
    assert.equal(text, '{"predictions": [0]}');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.getText(), '{"predictions": [0]}');
    // A read-only result named after the model, not a dirty untitled editor that asks to be saved.
    assert.equal(editor.document.isUntitled, false);
    assert.equal(editor.document.isDirty, false);
    assert.equal(editor.document.uri.scheme, 'mlflow-result');
    assert.equal(path.posix.basename(editor.document.uri.path), 'iris-logistic-regression predictions.json');
    // Typing into it, as a user would, changes nothing: the editor is read-only.
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.equal(editor.document.getText(), '{"predictions": [0]}');
    assert.equal(editor.document.isDirty, false);
    // Predicting again shows the new text in the same editor.
    await vscode.commands.executeCommand(COMMANDS.predict, model('iris-logistic-regression'));
    assert.equal(
      vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'mlflow-result').length,
      1,
    );
  });

  it('Generate Dockerfile writes the Dockerfile and the model into the chosen folder and opens it', async () => {
    const out = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-dockerfile-')));
    const dockerfile = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      COMMANDS.generateDockerfile,
      model('iris-xgboost'),
      out,
    );
    assert.ok(dockerfile);
    assert.equal(dockerfile.fsPath, path.join(out.fsPath, 'Dockerfile'));
    assert.match(
      fs.readFileSync(dockerfile.fsPath, 'utf8'),
      /^# Build an image that can serve mlflow models\./,
    );
    assert.ok(fs.existsSync(path.join(out.fsPath, 'model_dir', 'model', 'MLmodel')));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, dockerfile.fsPath);
  });

  it('Build Docker Image fails with a clear message, not a traceback, when no Docker engine runs', async () => {
    const result = await vscode.commands.executeCommand<string | undefined>(
      COMMANDS.buildDocker,
      model('iris-xgboost'),
      'mlflow-iris-xgboost',
    );
    assert.equal(result, undefined, 'the command reported the failure instead of returning an image name');
  });
});

describe('MLmodel CodeLens (real extension host)', () => {
  it('offers Serve, Predict, Build Docker Image and Generate Dockerfile above flavors:', async () => {
    const uri = model('wine-elasticnet-pyfunc');
    const doc = await vscode.workspace.openTextDocument(uri);
    const flavorsLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('flavors:'));
    assert.ok(flavorsLine >= 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    const ours = lenses.filter((l) => l.command?.command.startsWith('mlflow.'));
    assert.deepEqual(
      ours.map((l) => l.command?.command),
      [
        COMMANDS.serveStart,
        COMMANDS.predict,
        COMMANDS.buildDocker,
        COMMANDS.generateDockerfile,
        COMMANDS.deploy,
      ],
    );
    for (const l of ours) {
      assert.equal(l.range.start.line, flavorsLine);
      assert.equal((l.command?.arguments?.[0] as vscode.Uri).toString(), uri.toString());
    }
  });
});

describe('deploy (real extension host, mlflow CLI stand-in)', () => {
  let argvLog: string;
  before(async () => {
    argvLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-argv-')), 'argv.jsonl');
    // children inherit the extension host's environment: the stand-in records what it was asked
    process.env.MLFLOW_STANDIN_ARGV_LOG = argvLog;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    delete process.env.MLFLOW_STANDIN_ARGV_LOG;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
  });
  const calls = (): string[][] =>
    fs.existsSync(argvLog)
      ? fs
          .readFileSync(argvLog, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as string[])
      : [];

  it('refuses a target the installed MLflow does not have, before running anything', async () => {
    fs.rmSync(argvLog, { force: true });
    const result = await vscode.commands.executeCommand<string | undefined>(
      COMMANDS.deploy,
      model('iris-xgboost'),
      { target: 'azureml', name: 'iris', config: '' },
    );
    assert.equal(result, undefined);
    assert.ok(
      !calls().some((c) => c.includes('create') && !c.includes('--help')),
      'no deployment was attempted',
    );
  });

  it("refuses MLflow's endpoint clients (databricks, http, https, openai): they cannot create deployments", async () => {
    fs.rmSync(argvLog, { force: true });
    for (const target of ['databricks', 'openai', 'http:/localhost:7000']) {
      const result = await vscode.commands.executeCommand<string | undefined>(
        COMMANDS.deploy,
        model('iris-xgboost'),
        { target, name: 'iris', config: '' },
      );
      assert.equal(result, undefined, target);
    }
    assert.ok(
      !calls().some(
        (c) => c[3] !== undefined && ['get', 'create', 'update'].includes(c[3]) && !c.includes('--help'),
      ),
      'nothing was asked of those targets',
    );
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('offers first a target that can deploy a model: accepting the first pick deploys to sagemaker', async () => {
    fs.rmSync(argvLog, { force: true });
    // The recorded help lists databricks first; Enter on the first pick, then on the URI box.
    const pending = Promise.resolve(
      vscode.commands.executeCommand<string | undefined>(COMMANDS.deploy, model('iris-xgboost'), {
        name: 'iris-first',
        config: '',
      }),
    );
    const state = { done: false };
    void pending.finally(() => {
      state.done = true;
    });
    const finished = (): boolean => state.done;
    const deadline = Date.now() + 30_000;
    while (!finished() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      if (!finished()) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
    }
    await pending;
    const create = calls().find((c) => c[3] === 'create' && !c.includes('--help'));
    assert.deepEqual(create?.slice(0, 8), [
      '-m',
      'mlflow',
      'deployments',
      'create',
      '-t',
      'sagemaker',
      '--name',
      'iris-first',
    ]);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('runs `mlflow deployments create` with the discovered target, the name and one -C per setting', async () => {
    fs.rmSync(argvLog, { force: true });
    await vscode.commands.executeCommand(COMMANDS.deploy, model('iris-xgboost'), {
      target: 'sagemaker:/us-east-1',
      name: 'iris-prod',
      config: 'instance_type=ml.m5.large, region_name=us-east-1',
    });
    const create = calls().find((c) => c[3] === 'create' && !c.includes('--help'));
    assert.deepEqual(create, [
      '-m',
      'mlflow',
      'deployments',
      'create',
      '-t',
      'sagemaker:/us-east-1',
      '--name',
      'iris-prod',
      '-m',
      path.dirname(model('iris-xgboost').fsPath),
      '-C',
      'instance_type=ml.m5.large',
      '-C',
      'region_name=us-east-1',
    ]);
  });
});
