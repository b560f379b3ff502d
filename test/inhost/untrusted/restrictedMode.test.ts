// Runs in its own code-server window with workspace trust ON and the demo workspace left
// untrusted (Restricted Mode): `runInHost.ts --suite untrusted --untrusted`, wired into `npm test`.
// Every command that runs a model's code (or the mlflow CLI at all) must refuse here even when
// called programmatically with every answer given, and must spawn nothing: the mlflow CLI
// stand-in is the configured interpreter (a user setting, which Restricted Mode still honours) and
// logs every argv it is started with, so an empty log proves nothing ran.
// To cover another command, add a row to REFUSED below: its id, arguments that would otherwise
// run it without a prompt, and the start of its refusal message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import type { NodeOf } from '../../../src/extension/explorer/explorerNode';
import { EXPLORER_COMMANDS } from '../../../src/extension/shared/commandIds/explorerCommandIds';
import { PROJECT_COMMANDS } from '../../../src/extension/shared/commandIds/projectCommandIds';
import { SCAFFOLD_COMMANDS } from '../../../src/extension/shared/commandIds/scaffoldCommandIds';
import { EXTENSION_ID, activeApi, mlflowLog, until, workspaceRoot } from '../suite/helpers';

const standIn = (): string =>
  path.join(
    vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '',
    'test',
    'support',
    'cli',
    'python',
  );
const mlmodel = (): vscode.Uri =>
  vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression', 'MLmodel');

interface Refused {
  readonly id: string;
  readonly args: () => unknown[];
  /** What the refusal says (core/serving/trustGuard.ts words it). */
  readonly what: string;
  /** Whose code it would run, when not the model's. */
  readonly code?: string;
}

const REFUSED: readonly Refused[] = [
  {
    id: COMMANDS.serveStart,
    args: () => [mlmodel(), { envManager: 'local', port: 5077 }],
    what: 'Serving a model',
  },
  { id: COMMANDS.serveRestart, args: () => ['1'], what: 'Restarting a model server' },
  { id: COMMANDS.predict, args: () => [mlmodel()], what: 'Predicting' },
  {
    id: COMMANDS.generateDockerfile,
    args: () => [mlmodel(), vscode.Uri.file(os.tmpdir())],
    what: 'Generating a Dockerfile',
  },
  { id: COMMANDS.buildDocker, args: () => [mlmodel(), 'mlflow-iris'], what: 'Building a Docker image' },
  {
    id: COMMANDS.deploy,
    args: () => [mlmodel(), { target: 'sagemaker', name: 'iris-prod', config: '' }],
    what: 'Deploying',
  },
  {
    id: PROJECT_COMMANDS.runEntryPoint,
    args: () => [
      vscode.Uri.joinPath(workspaceRoot(), 'projects', 'wine', 'MLproject'),
      'main',
      { values: { alpha: '0.5' }, submit: true },
    ],
    what: 'Running an MLflow project',
    code: "the project's code",
  },
  // a write on a local store offers this; it runs `python -m mlflow server`
  {
    id: COMMANDS.startLocalServer,
    args: () => [],
    what: 'Starting a tracking server',
    code: 'Python and MLflow',
  },
  {
    id: SCAFFOLD_COMMANDS.logScaffolded,
    args: () => [vscode.Uri.joinPath(workspaceRoot(), 'custom', 'log_model.py')],
    what: 'Logging a model',
  },
];

describe('Restricted Mode: serve, predict, Docker, deploy, Run Project and Log Model refuse (real extension host, untrusted workspace)', () => {
  let argvLog: string;

  before(async () => {
    assert.equal(
      vscode.workspace.isTrusted,
      false,
      'the harness must leave this workspace untrusted (--untrusted)',
    );
    argvLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-untrusted-')), 'argv.jsonl');
    process.env.MLFLOW_STANDIN_ARGV_LOG = argvLog;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', standIn(), vscode.ConfigurationTarget.Global);
    await activeApi();
  });

  beforeEach(() => {
    fs.rmSync(argvLog, { force: true });
  });

  after(async () => {
    delete process.env.MLFLOW_STANDIN_ARGV_LOG;
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
  });

  it('uses the stand-in as the interpreter (a user setting still applies in Restricted Mode)', () => {
    assert.equal(vscode.workspace.getConfiguration('mlflow').get('pythonPath'), standIn());
  });

  for (const c of REFUSED) {
    it(`${c.id} refuses with a message and spawns nothing`, async () => {
      const result = await vscode.commands.executeCommand(c.id, ...c.args());
      assert.equal(result, undefined);
      const said = await until(
        'the refusal in the MLflow log',
        () =>
          mlflowLog()
            .split('\n')
            .find((l) =>
              l.includes(
                `${c.id} failed: ${c.what} runs ${c.code ?? "the model's code"}: trust this workspace first`,
              ),
            ),
        15_000,
      );
      assert.ok(said);
      assert.equal(fs.existsSync(argvLog) ? fs.readFileSync(argvLog, 'utf8') : '', '', 'nothing was started');
      assert.deepEqual((await activeApi()).servers(), []);
    });
  }

  it("the run-to-code commands run no git: a repository's config could start programs", async () => {
    const node = {
      kind: 'trace',
      info: {
        traceId: 'tr-untrusted',
        requestTimeMs: 0,
        tags: { 'mlflow.source.git.commit': 'a'.repeat(40), 'mlflow.source.name': 'train.py' },
        metadata: {},
      },
    };
    for (const id of ['mlflow.code.openAtCommit', 'mlflow.code.compareWithWorkspace']) {
      const result = await vscode.commands.executeCommand<{ problem?: string; message?: string }>(id, node);
      assert.equal(result.problem, 'untrusted', `${id}: ${JSON.stringify(result)}`);
      assert.match(result.message ?? '', /Trust this workspace/);
    }
  });

  it('write actions on the local store change nothing, offer no server and start nothing', async () => {
    const api = await activeApi();
    await until(
      'the workspace store',
      () => (api.connection().status === 'ready' ? true : undefined),
      30_000,
    );
    const experiments = (await api.explorer.experiments.getChildren()).filter(
      (n): n is NodeOf<'experiment'> => n.kind === 'experiment',
    );
    let run: NodeOf<'run'> | undefined;
    for (const e of experiments) {
      run ??= (await api.explorer.experiments.getChildren(e)).find(
        (n): n is NodeOf<'run'> => n.kind === 'run',
      );
    }
    assert.ok(run, 'the demo store has a run');
    for (const id of [
      EXPLORER_COMMANDS.renameRun,
      EXPLORER_COMMANDS.deleteRun,
      EXPLORER_COMMANDS.restoreRun,
      EXPLORER_COMMANDS.editTags,
    ]) {
      assert.notEqual(
        await vscode.commands.executeCommand(id, run, 'renamed-by-untrusted'),
        true,
        `${id} did not report a change`,
      );
    }
    assert.deepEqual(
      vscode.window.terminals.map((t) => t.name).filter((n) => n.includes('MLflow tracking server')),
      [],
    );
    assert.equal(fs.existsSync(argvLog) ? fs.readFileSync(argvLog, 'utf8') : '', '', 'nothing was started');
  });
});
