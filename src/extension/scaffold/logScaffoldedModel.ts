import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildLogScriptCommand } from '../../core/scaffold/logScriptCommand';
import { findLoggedModelUri, isScaffoldedLogScript } from '../../core/scaffold/logScript';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { COMMANDS } from '../shared/commandIds/commandIds';
import type { ConnectionManager } from '../connection';
import type { SecretCredentials } from '../connection';
import type { CliTaskRunner } from '../shared/process/cliTaskRunner';
import { childConnectionEnv } from '../connection';
import { findMlflow } from '../shared/python/findMlflow';

export interface LogScaffoldedDeps {
  readonly runner: CliTaskRunner;
  readonly connections: ConnectionManager;
  readonly log: vscode.LogOutputChannel;
  readonly secrets?: SecretCredentials;
  /** Told each logged model's URI (the extension API reports the last one). */
  readonly onLogged: (modelUri: string) => void;
}

/** What to do with the logged model without asking: serve it (with serve answers) or copy its URI. */
interface AfterLogging {
  readonly then: 'serve' | 'copy';
  /** Answers for "Serve Model Locally…" ({ envManager?, port? }), passed through unchanged. */
  readonly serve?: unknown;
}

function isAfterLogging(v: unknown): v is AfterLogging {
  return typeof v === 'object' && v !== null && 'then' in v && (v.then === 'serve' || v.then === 'copy');
}

/** What "Log Model" resolves to: the logged model's URI, and the server if it was served at once. */
export interface LoggedModelResult {
  readonly modelUri: string;
  readonly served?: unknown;
}

async function scriptFrom(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && path.basename(active.uri.fsPath) === 'log_model.py') {
    return active.uri;
  }
  const found = await vscode.workspace.findFiles(
    '**/log_model.py',
    '{**/node_modules/**,**/.git/**,**/.venv/**}',
    50,
  );
  const picked = await vscode.window.showQuickPick(
    found.map((f) => ({
      label: path.basename(path.dirname(f.fsPath)),
      description: vscode.workspace.asRelativePath(f),
      uri: f,
    })),
    {
      title: 'Log Model',
      placeHolder:
        found.length > 0
          ? 'Choose a log_model.py'
          : 'No log_model.py in this workspace: run "MLflow: New Custom Model…" first',
    },
  );
  return picked?.uri;
}

/** Act on the offer: start a local server on the logged model, or copy its URI. */
async function actOn(choice: AfterLogging, modelUri: string): Promise<unknown> {
  if (choice.then === 'serve') {
    return vscode.commands.executeCommand(COMMANDS.serveStart, modelUri, choice.serve);
  }
  await vscode.env.clipboard.writeText(modelUri);
  return undefined;
}

/**
 * "MLflow: Log Model": run a scaffolded `log_model.py` with the Python that has MLflow and the
 * active connection's tracking URI and credentials in its environment (argv only), streaming its
 * output to the "MLflow CLI" channel; then offer Serve and Copy URI for the model it logged.
 * `after` ({ then: 'serve' | 'copy', serve? }) takes the offer without asking. Needs a trusted
 * workspace: the script and the model code it logs run on this machine.
 */
export async function logScaffoldedModel(
  deps: LogScaffoldedDeps,
  arg?: unknown,
  after?: unknown,
): Promise<LoggedModelResult | undefined> {
  refuseUntrusted(vscode.workspace.isTrusted, 'Logging a model');
  const script = await scriptFrom(arg);
  if (!script) {
    return undefined;
  }
  if (script.scheme !== 'file') {
    throw new Error('Only a log_model.py on this machine’s file system can be run.');
  }
  const doc = await vscode.workspace.openTextDocument(script);
  if (!isScaffoldedLogScript(script.fsPath, doc.getText())) {
    throw new Error(
      `${vscode.workspace.asRelativePath(script)} was not written by "MLflow: New Custom Model…"; run it yourself in a terminal.`,
    );
  }
  if (doc.isDirty) {
    await doc.save();
  }
  const mlflow = await findMlflow(deps.log);
  const env = await childConnectionEnv(deps.connections, deps.secrets);
  const inv = buildLogScriptCommand({
    python: mlflow.python,
    scriptPath: script.fsPath,
    trackingUri: env.trackingUri,
    credentialEnv: env.credentialEnv,
  });
  const folder = path.dirname(script.fsPath);
  const label = path.basename(folder);
  deps.runner.output.show(true);
  const output = await deps.runner.run(`Logging ${label}…`, inv, folder);
  const modelUri = findLoggedModelUri(output);
  if (!modelUri) {
    throw new Error(
      `log_model.py finished without printing the logged model's URI; see the "MLflow CLI" output.`,
    );
  }
  deps.log.info(`Logged ${label} as ${modelUri}.`);
  deps.onLogged(modelUri);
  if (isAfterLogging(after)) {
    return { modelUri, served: await actOn(after, modelUri) };
  }
  void vscode.window
    .showInformationMessage(`Logged ${label}: ${modelUri}`, 'Serve', 'Copy URI')
    .then((choice) => {
      if (choice === 'Serve') {
        void actOn({ then: 'serve' }, modelUri);
      } else if (choice === 'Copy URI') {
        void actOn({ then: 'copy' }, modelUri);
      }
    });
  return { modelUri };
}
