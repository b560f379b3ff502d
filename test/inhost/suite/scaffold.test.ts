import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { LoggedModelResult } from '../../../src/extension/scaffold/logScaffoldedModel';
import { SCAFFOLD_COMMANDS } from '../../../src/extension/shared/commandIds/scaffoldCommandIds';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import { EXTENSION_ID, activeApi } from './helpers';

const standIn = (): string =>
  path.join(
    vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '',
    'test',
    'support',
    'cli',
    'python',
  );
/** The run the stand-in's scaffold branch names: the recorded sklearn-rf-iris serve session's model. */
const RECORDED_URI = 'runs:/5479c2e952464803bc764edb72ee0164/model';

function openTabPaths(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.fsPath : ''))
    .filter((p) => p !== '');
}

describe('New Custom Model… and Log Model (real extension host, mlflow CLI stand-in)', () => {
  let parent: string;
  before(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-scaffold-inhost-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('writes the chosen template into <folder>/<name>/ and opens its README and model.py', async () => {
    await activeApi();
    const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      SCAFFOLD_COMMANDS.newCustomModel,
      {
        template: 'models-from-code',
        name: 'ticket_router',
        folder: parent,
      },
    );
    assert.ok(folder, 'the command resolved to the new folder');
    assert.equal(folder.fsPath, path.join(parent, 'ticket_router'));
    assert.deepEqual(fs.readdirSync(folder.fsPath).sort(), [
      'README.md',
      'log_model.py',
      'model.py',
      'python_env.yaml',
      'requirements.txt',
    ]);
    assert.match(
      fs.readFileSync(path.join(folder.fsPath, 'model.py'), 'utf8'),
      /^class TicketRouterModel\(mlflow\.pyfunc\.PythonModel\):$/m,
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(folder.fsPath, 'model.py'));
    const tabs = openTabPaths();
    assert.ok(tabs.includes(path.join(folder.fsPath, 'README.md')), tabs.join('\n'));
    assert.ok(tabs.includes(path.join(folder.fsPath, 'model.py')), tabs.join('\n'));
  });

  it('refuses to overwrite an existing project and leaves its files untouched', async () => {
    const readme = path.join(parent, 'ticket_router', 'README.md');
    fs.writeFileSync(readme, 'my own notes\n');
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      SCAFFOLD_COMMANDS.newCustomModel,
      {
        template: 'onnx-genai',
        name: 'ticket_router',
        folder: parent,
      },
    );
    assert.equal(again, undefined);
    assert.equal(fs.readFileSync(readme, 'utf8'), 'my own notes\n');
  });

  it('refuses a name that is not a Python identifier, writing nothing', async () => {
    const result = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      SCAFFOLD_COMMANDS.newCustomModel,
      {
        template: 'models-from-code',
        name: '../escape"; import os',
        folder: parent,
      },
    );
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(parent), ['ticket_router']);
  });

  it('offers "MLflow: Log Model" above a scaffolded log_model.py only', async () => {
    const script = vscode.Uri.file(path.join(parent, 'ticket_router', 'log_model.py'));
    await vscode.window.showTextDocument(script);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      script,
    );
    const ours = lenses.filter((l) => l.command?.command === SCAFFOLD_COMMANDS.logScaffolded);
    assert.equal(ours.length, 1);
    const [lens] = ours;
    assert.ok(lens?.command?.arguments);
    assert.equal(lens.range.start.line, 0);
    assert.equal((lens.command.arguments[0] as vscode.Uri).fsPath, script.fsPath);

    const foreign = vscode.Uri.file(path.join(parent, 'other', 'log_model.py'));
    fs.mkdirSync(path.dirname(foreign.fsPath));
    fs.writeFileSync(foreign.fsPath, 'import mlflow\n');
    // the CodeLens command needs the document loaded, as it is when an editor shows it
    await vscode.workspace.openTextDocument(foreign);
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      foreign,
    );
    assert.equal(none.filter((l) => l.command?.command === SCAFFOLD_COMMANDS.logScaffolded).length, 0);
    fs.rmSync(path.dirname(foreign.fsPath), { recursive: true });
  });

  describe('Log Model', () => {
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
      const api = await activeApi();
      for (const s of api.servers()) {
        await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
      }
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

    it('runs `python <abs>/log_model.py`, reads the logged URI, and the Serve offer starts a server on it', async () => {
      const api = await activeApi();
      const script = vscode.Uri.file(path.join(parent, 'ticket_router', 'log_model.py'));
      const result = await vscode.commands.executeCommand<LoggedModelResult | undefined>(
        SCAFFOLD_COMMANDS.logScaffolded,
        script,
        {
          then: 'serve',
          serve: { envManager: 'local' },
        },
      );
      assert.ok(result, 'the command resolved to the logged model');
      assert.equal(result.modelUri, RECORDED_URI);
      assert.equal(api.lastLoggedModelUri(), RECORDED_URI);
      assert.ok(
        calls().some((c) => c.length === 1 && c[0] === script.fsPath),
        JSON.stringify(calls()),
      );

      const served = result.served as ModelServerInfo | undefined;
      assert.ok(served, 'taking the Serve offer started a server');
      assert.equal(served.modelUri, RECORDED_URI);
      assert.deepEqual(
        api.servers().map((s) => s.modelUri),
        [RECORDED_URI],
      );
      assert.equal(await (await fetch(`${served.url}/version`)).text(), '2.17.2');
    });

    it('Copy URI puts the logged model’s URI on the clipboard', async () => {
      await vscode.env.clipboard.writeText('');
      const script = vscode.Uri.file(path.join(parent, 'ticket_router', 'log_model.py'));
      const result = await vscode.commands.executeCommand<LoggedModelResult | undefined>(
        SCAFFOLD_COMMANDS.logScaffolded,
        script,
        { then: 'copy' },
      );
      assert.equal(result?.modelUri, RECORDED_URI);
      assert.equal(await vscode.env.clipboard.readText(), RECORDED_URI);
    });

    it('refuses a log_model.py the scaffold did not write, running nothing', async () => {
      const foreign = path.join(parent, 'foreign', 'log_model.py');
      fs.mkdirSync(path.dirname(foreign));
      fs.writeFileSync(foreign, 'import os\nos.system("echo hi")\n');
      fs.rmSync(argvLog, { force: true });
      const result = await vscode.commands.executeCommand<LoggedModelResult | undefined>(
        SCAFFOLD_COMMANDS.logScaffolded,
        vscode.Uri.file(foreign),
        { then: 'copy' },
      );
      assert.equal(result, undefined);
      assert.deepEqual(calls(), []);
    });
  });
});
