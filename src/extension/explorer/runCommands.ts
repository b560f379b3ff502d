import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { safeDestination } from '../../core/explorer/safeDestination';
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
  await vscode.commands.executeCommand('vscode.open', artifactUri(node.runId, node.file.path), { preview: true });
  return true;
}

/**
 * Download a run's artifacts (or one folder/file of them) into a folder the user picks. Every
 * destination is checked to stay inside that folder, whatever path the server sent.
 */
export async function downloadArtifacts(session: StoreSession, log: vscode.LogOutputChannel, arg: unknown, target?: vscode.Uri): Promise<number> {
  const artifact = nodeOf(arg, 'artifact');
  const run = nodeOf(arg, 'run', 'section');
  const runId = artifact?.runId ?? (run?.kind === 'run' ? run.runId : run?.run.info.runId);
  if (runId === undefined) {
    return 0;
  }
  const folder =
    target ??
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Download Here', title: 'Download artifacts to…' }))?.[0];
  if (folder === undefined) {
    return 0;
  }
  const root = folder.fsPath;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Downloading artifacts', cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => { controller.abort(); });
    const stores = await session.stores();
    const files: string[] = [];
    const walk = async (dir: string | undefined): Promise<void> => {
      const entries = await collectPages((pageToken) => stores.tracking.listArtifacts({ runId, path: dir, pageToken, signal: controller.signal }), { maxItems: 10_000 });
      for (const e of entries) {
        if (e.isDir) {
          await walk(e.path);
        } else {
          files.push(e.path);
        }
      }
    };
    let written = 0;
    try {
      if (artifact !== undefined && !artifact.file.isDir) {
        files.push(artifact.file.path);
      } else {
        await walk(artifact?.file.path);
      }
      // A chosen file or folder lands under its own name; a whole run keeps its layout.
      const base = artifact === undefined ? '' : path.posix.dirname(artifact.file.path);
      for (const file of files) {
        if (token.isCancellationRequested) {
          break;
        }
        const relative = base === '.' || base === '' ? file : file.slice(base.length + 1);
        const dest = safeDestination(root, relative);
        if (dest === undefined) {
          log.warn(`Skipped an artifact whose path would leave the download folder: ${JSON.stringify(file)}`);
          continue;
        }
        progress.report({ message: relative, increment: 100 / files.length });
        const bytes = await stores.tracking.readArtifact({ runId, path: file, maxBytes: 2 * 1024 * 1024 * 1024, signal: controller.signal });
        await fs.mkdir(path.dirname(dest), { recursive: true });
        await fs.writeFile(dest, bytes);
        written++;
      }
      void vscode.window.showInformationMessage(`Downloaded ${written} artifact file${written === 1 ? '' : 's'} to ${root}.`);
    } catch (err) {
      if (!token.isCancellationRequested) {
        reportFailure('Download', err, log);
      }
    }
    return written;
  });
}

/** Rename a run (REST only). */
export async function renameRun(model: ExperimentsModel, log: vscode.LogOutputChannel, arg: unknown, newName?: string): Promise<boolean> {
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
      validateInput: (v) => (v.trim() === '' ? 'A run needs a name.' : v.length > 250 ? 'At most 250 characters.' : undefined),
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
export async function setRunDeleted(model: ExperimentsModel, log: vscode.LogOutputChannel, arg: unknown, deleted: boolean, confirmed = false): Promise<boolean> {
  const node = nodeOf(arg, 'run');
  if (node === undefined) {
    return false;
  }
  const w = await writers(model.session, log, deleted ? 'delete the run' : 'restore the run');
  if (w === undefined) {
    return false;
  }
  if (deleted && !confirmed) {
    const ok = await vscode.window.showWarningMessage(`Delete run "${node.name}"? It moves to the deleted runs and can be restored until the server's garbage collection removes it.`, { modal: true }, 'Delete');
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
export async function editRunTags(model: ExperimentsModel, log: vscode.LogOutputChannel, arg: unknown, keyArg?: string, valueArg?: string): Promise<boolean> {
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
    const picked = await vscode.window.showQuickPick([add, ...tags.map((t) => ({ label: t.key, description: t.value, key: t.key }))], { title: 'Edit Run Tags' });
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
  const value = valueArg ?? (await vscode.window.showInputBox({ title: `Value of "${tagKey}" (empty removes the tag)`, value: current }));
  if (value === undefined) {
    return false;
  }
  try {
    await (value === '' ? w.tracking.deleteRunTag(node.runId, tagKey) : w.tracking.setRunTag(node.runId, tagKey.trim(), value));
    model.updateRun(await w.tracking.getRun(node.runId));
    return true;
  } catch (err) {
    reportFailure('Editing the tag', err, log);
    return false;
  }
}

function checkTagKey(v: string): string | undefined {
  return v.trim() === '' ? 'A tag needs a key.' : v.startsWith('mlflow.') ? 'Keys starting with "mlflow." are reserved for MLflow.' : undefined;
}

/**
 * Open a run, experiment, registered model or model version in the connection's own web UI (an
 * MLflow server's, a Databricks workspace's, or Azure ML studio). Resolves to the address opened,
 * or undefined when the connection has no web UI (a local store) or the node is not one of those.
 */
export async function openInServerUi(session: StoreSession, log: vscode.LogOutputChannel, arg: unknown): Promise<vscode.Uri | undefined> {
  const object = uiObject(arg);
  if (object === undefined) {
    return undefined;
  }
  const state = session.state;
  if (state.status !== 'ready' || (state.target.kind !== 'rest' && state.target.kind !== 'azureml' && state.target.kind !== 'databricks')) {
    void vscode.window.showInformationMessage('Only a tracking server has a web UI to open; local stores do not.');
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
