import * as os from 'node:os';
import * as vscode from 'vscode';
import { serverUiUrl, type UiObject, type UiTarget } from '../../core/explorer/serverUiUrl';
import { loadDatabricksConnection } from '../../core/connection/databricksConfig';
import type { StoreSession } from '../connection';
import { artifactUri, MAX_PREVIEW_BYTES, tooLargeMessage } from './artifactFileSystem';
import { nodeOf } from './explorerNode';
import type { ExperimentsModel } from './experimentsModel';
import { writers } from './writeAccess';
import { reportFailure } from '../shared/errors/reportFailure';

/** Copy a run's id. */
export async function copyRunId(arg: unknown): Promise<string | undefined> {
  const text = nodeOf(arg, 'run')?.runId;
  if (text !== undefined) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }
  return text;
}

/**
 * Open an artifact file read-only in an editor tab through the `mlflow-artifact:` file system.
 * A file over 50 MB is refused before anything is fetched, with an offer to download it instead.
 * Resolves true when an editor was opened.
 */
export async function openArtifact(arg: unknown): Promise<boolean> {
  const node = nodeOf(arg, 'artifact');
  if (node === undefined || node.file.isDir) {
    return false;
  }
  if (node.file.fileSize !== undefined && node.file.fileSize > MAX_PREVIEW_BYTES) {
    const download = 'Download…';
    void vscode.window.showWarningMessage(tooLargeMessage(node.file.path), download).then((choice) => {
      if (choice === download) {
        void vscode.commands.executeCommand('mlflow.artifacts.download', node);
      }
    });
    return false;
  }
  await vscode.commands.executeCommand('vscode.open', artifactUri(node.runId, node.file.path), {
    preview: true,
  });
  return true;
}

/** Rename a run (REST only). */
export async function renameRun(
  model: ExperimentsModel,
  log: vscode.LogOutputChannel,
  arg: unknown,
  newName?: string,
): Promise<boolean> {
  const node = nodeOf(arg, 'run');
  if (node === undefined) {
    return false;
  }
  const w = await writers(model.session, log, 'rename the run');
  if (w === undefined) {
    return false;
  }
  const name =
    newName ??
    (await vscode.window.showInputBox({
      title: 'Rename Run',
      value: node.run.info.runName ?? '',
      validateInput: (v) =>
        v.trim() === '' ? 'A run needs a name.' : v.length > 250 ? 'At most 250 characters.' : undefined,
    }));
  if (name === undefined || name.trim() === '') {
    return false;
  }
  try {
    await w.tracking.renameRun(node.runId, name.trim());
    model.updateRun(await w.tracking.getRun(node.runId));
    return true;
  } catch (err) {
    reportFailure('Rename', err, log);
    return false;
  }
}

/** Delete or restore a run (REST only), after a confirmation for delete. */
export async function setRunDeleted(
  model: ExperimentsModel,
  log: vscode.LogOutputChannel,
  arg: unknown,
  deleted: boolean,
  confirmed = false,
): Promise<boolean> {
  const node = nodeOf(arg, 'run');
  if (node === undefined) {
    return false;
  }
  const w = await writers(model.session, log, deleted ? 'delete the run' : 'restore the run');
  if (w === undefined) {
    return false;
  }
  if (deleted && !confirmed) {
    const ok = await vscode.window.showWarningMessage(
      `Delete run "${node.name}"? It moves to the deleted runs and can be restored until the server's garbage collection removes it.`,
      { modal: true },
      'Delete',
    );
    if (ok !== 'Delete') {
      return false;
    }
  }
  try {
    await (deleted ? w.tracking.deleteRun(node.runId) : w.tracking.restoreRun(node.runId));
    model.reset();
    return true;
  } catch (err) {
    reportFailure(deleted ? 'Delete' : 'Restore', err, log);
    return false;
  }
}

/**
 * Add, change or remove a tag of a run (REST only). `keyArg` and `valueArg` (from a caller that
 * already knows them) skip the prompts; an empty value removes the tag, as in the prompt.
 */
export async function editRunTags(
  model: ExperimentsModel,
  log: vscode.LogOutputChannel,
  arg: unknown,
  keyArg?: string,
  valueArg?: string,
): Promise<boolean> {
  const node = nodeOf(arg, 'run');
  if (node === undefined) {
    return false;
  }
  const w = await writers(model.session, log, 'edit tags');
  if (w === undefined) {
    return false;
  }
  const tags = node.run.data.tags.filter((t) => !t.key.startsWith('mlflow.'));
  let key = keyArg;
  if (key === undefined) {
    const add = { label: '$(add) Add a tag…', key: undefined as string | undefined };
    const picked = await vscode.window.showQuickPick(
      [add, ...tags.map((t) => ({ label: t.key, description: t.value, key: t.key }))],
      { title: 'Edit Run Tags' },
    );
    if (picked === undefined) {
      return false;
    }
    key = picked.key ?? (await vscode.window.showInputBox({ title: 'Tag key', validateInput: checkTagKey }));
    if (key === undefined) {
      return false;
    }
  } else if (checkTagKey(key) !== undefined) {
    return false;
  }
  const tagKey = key;
  const current = tags.find((t) => t.key === tagKey)?.value ?? '';
  const value =
    valueArg ??
    (await vscode.window.showInputBox({
      title: `Value of "${tagKey}" (empty removes the tag)`,
      value: current,
    }));
  if (value === undefined) {
    return false;
  }
  try {
    await (value === ''
      ? w.tracking.deleteRunTag(node.runId, tagKey)
      : w.tracking.setRunTag(node.runId, tagKey.trim(), value));
    model.updateRun(await w.tracking.getRun(node.runId));
    return true;
  } catch (err) {
    reportFailure('Editing the tag', err, log);
    return false;
  }
}

function checkTagKey(v: string): string | undefined {
  return v.trim() === ''
    ? 'A tag needs a key.'
    : v.startsWith('mlflow.')
      ? 'Keys starting with "mlflow." are reserved for MLflow.'
      : undefined;
}

/**
 * Open a run, experiment, registered model or model version in the connection's own web UI (an
 * MLflow server's, a Databricks workspace's, or Azure ML studio). Resolves to the address opened,
 * or undefined when the connection has no web UI (a local store) or the node is not one of those.
 */
export async function openInServerUi(
  session: StoreSession,
  log: vscode.LogOutputChannel,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  const object = uiObject(arg);
  if (object === undefined) {
    return undefined;
  }
  const state = session.state;
  if (
    state.status !== 'ready' ||
    (state.target.kind !== 'rest' && state.target.kind !== 'azureml' && state.target.kind !== 'databricks')
  ) {
    void vscode.window.showInformationMessage(
      'Only a tracking server has a web UI to open; local stores do not.',
    );
    return undefined;
  }
  let target: UiTarget;
  if (state.target.kind === 'databricks') {
    // The workspace host comes from the same place the REST client takes it from.
    const resolved = await loadDatabricksConnection(state.target.profile, process.env, os.homedir());
    if (!resolved.ok) {
      reportFailure('Opening the Databricks workspace', new Error(resolved.error), log);
      return undefined;
    }
    target = { kind: 'databricks', host: resolved.connection.host };
  } else {
    target = { kind: state.target.kind, baseUrl: state.target.baseUrl };
  }
  const url = serverUiUrl(target, object);
  if (url === undefined) {
    void vscode.window.showInformationMessage('This connection has no web page for that.');
    return undefined;
  }
  const uri = vscode.Uri.parse(url, true);
  await vscode.env.openExternal(uri);
  return uri;
}

function uiObject(arg: unknown): UiObject | undefined {
  const node = nodeOf(arg, 'run', 'modelVersion', 'registeredModel', 'experiment');
  switch (node?.kind) {
    case 'run':
      return { kind: 'run', experimentId: node.experimentId, runId: node.runId };
    case 'modelVersion':
      return { kind: 'modelVersion', name: node.name, version: node.version };
    case 'registeredModel':
      return { kind: 'registeredModel', name: node.model.name };
    case 'experiment':
      return { kind: 'experiment', experimentId: node.experiment.experimentId };
    default:
      return undefined;
  }
}
