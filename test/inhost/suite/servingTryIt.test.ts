import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import type { TryItPanel } from '../../../src/extension/serving/tryItPanel';
import type { TryItHostMessage, TryItServerState } from '../../../src/protocol/tryIt';
import type { PanelRecord } from '../../../src/extension/shared/webviews/panelProbe';
import { EXTENSION_ID, activeApi, probeOf, until, workspaceRoot } from './helpers';

const standIn = (): string =>
  path.join(
    vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '',
    'test',
    'support',
    'cli',
    'python',
  );
const modelFolder = (): vscode.Uri =>
  vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression');
const states = (msgs: readonly TryItHostMessage[]): TryItServerState[] =>
  msgs.filter((m): m is TryItServerState => m.type === 'tryIt/serverState');

describe('Try it panel (real extension host, mlflow CLI stand-in)', () => {
  let tmp: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-tryit-'));
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const s of (await activeApi()).servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function serveAndTry(): Promise<{
    info: ModelServerInfo;
    panel: TryItPanel;
    record: PanelRecord<'tryIt'>;
  }> {
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      modelFolder(),
      { envManager: 'local' },
    );
    assert.ok(info);
    const panel = await vscode.commands.executeCommand<TryItPanel | undefined>(COMMANDS.serveTryIt, info.id);
    assert.ok(panel, 'the Try it command returns its panel');
    // what the host posts to it, through the test API's panel probe
    const record = probeOf(await activeApi(), 'tryIt', panel.panel);
    // the webview loads and says ready; the host answers with the pre-filled request
    await until(
      'the panel to be initialised',
      () => record.sent.find((m) => m.type === 'tryIt/init'),
      60_000,
    );
    return { info, panel, record };
  }

  it('follows a restarted server instead of saying it stopped, and says so when it is really stopped', async () => {
    const { info, panel, record } = await serveAndTry();
    const from = record.sent.length;
    const again = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveRestart,
      info.id,
    );
    assert.ok(again);
    assert.notEqual(again.pid, info.pid, 'a new process');
    const afterRestart = record.sent.slice(from);
    assert.equal(
      afterRestart.some((m) => m.type === 'tryIt/error'),
      false,
      JSON.stringify(afterRestart),
    );
    assert.deepEqual(
      states(afterRestart).map((m) => m.state),
      ['starting', 'running'],
      JSON.stringify(afterRestart),
    );
    const running = states(afterRestart).at(-1);
    assert.equal(running?.url, `${again.url}/invocations`);
    assert.equal(panel.panel.title, `Try iris-logistic-regression (:${String(again.port)})`);

    const stopAt = record.sent.length;
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
    const stopped = await until('the stopped state', () =>
      states(record.sent.slice(stopAt)).find((m) => m.state === 'stopped'),
    );
    assert.equal(stopped.message, `The model server on port ${String(info.port)} has stopped.`);
  });

  it('tells a panel that was hidden while its server stopped, once it is shown again', async () => {
    const { info, panel, record } = await serveAndTry();
    // another editor in the same group hides the panel; VS Code unloads a hidden webview
    const doc = await vscode.workspace.openTextDocument({ content: 'hide the panel' });
    await vscode.window.showTextDocument(doc, { viewColumn: panel.panel.viewColumn, preview: false });
    await until('the panel to be hidden', () => !panel.panel.visible || undefined);
    await vscode.commands.executeCommand(COMMANDS.serveStop, info.id);
    await until('the stopped state', () => states(record.sent).find((m) => m.state === 'stopped'));
    const shownAt = record.sent.length;
    panel.panel.reveal();
    // the re-created webview says ready again; the host re-initialises it and repeats the state
    const again = await until(
      'the re-initialised panel to hear it stopped',
      () => {
        const later = record.sent.slice(shownAt);
        const init = later.findIndex((m) => m.type === 'tryIt/init');
        return init >= 0 ? states(later.slice(init)).find((m) => m.state === 'stopped') : undefined;
      },
      60_000,
    );
    assert.equal(again.message, `The model server on port ${String(info.port)} has stopped.`);
  });

  it('saves the request being edited to a file given by URI, without a dialog', async () => {
    const { info, record } = await serveAndTry();
    const init = record.sent.find((m) => m.type === 'tryIt/init');
    assert.equal(init?.type, 'tryIt/init');
    const target = vscode.Uri.file(path.join(tmp, 'request.json'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      COMMANDS.serveSaveRequest,
      info.id,
      target,
    );
    assert.equal(written?.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.equal(text, init.body, 'the pre-filled request, as the panel shows it');
    const logged = JSON.parse(
      fs.readFileSync(vscode.Uri.joinPath(modelFolder(), 'serving_input_example.json').fsPath, 'utf8'),
    ) as unknown;
    assert.deepEqual(JSON.parse(text), logged);
  });

  it('refuses to save without a Try it panel, or to a target that is not a URI', async () => {
    const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
      COMMANDS.serveStart,
      modelFolder(),
      { envManager: 'local' },
    );
    assert.ok(info);
    const target = path.join(tmp, 'nothing.json');
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.serveSaveRequest, info.id, vscode.Uri.file(target)),
      undefined,
    );
    await vscode.commands.executeCommand(COMMANDS.serveTryIt, info.id);
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.serveSaveRequest, info.id, target),
      undefined,
      'a plain string is not a target',
    );
    assert.equal(fs.existsSync(target), false);
  });
});
