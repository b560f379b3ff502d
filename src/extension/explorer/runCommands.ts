import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { COMMANDS } from '../commands/commandIds';
import { safeDestination } from '../../core/explorer/safeDestination';
import type { StoreSession } from '../connection/storeSession';
import { artifactUri } from './artifactFileSystem';
import { nodeOf } from './explorerNode';
import type { ExperimentsModel } from './experimentsModel';
import { writers } from './writeAccess';

/** Show a store failure as one message with the server's words in it. */
export function reportFailure(action: string, err: unknown, log: vscode.LogOutputChannel): void {
  const { summary, detail, signIn } = describeStoreError(err);
  log.warn(`${action} failed: ${detail}`);
  if (signIn === true) {
    void vscode.window.showErrorMessage(`${action} failed: ${summary}.`, 'Sign In…').then((choice) => {
      if (choice !== undefined) {
        void vscode.commands.executeCommand(COMMANDS.signIn);
      }
    });
    return;
  }
  void vscode.window.showErrorMessage(`${action} failed: ${summary}.`);
}

/** Copy a run's id. */
export async function copyRunId(arg: unknown): Promise<string | undefined> {
  const text = nodeOf(arg, 'run')?.runId;
  if (text !== undefined) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }
  return text;
}

/** Open an artifact file read-only in an editor tab through the `mlflow-artifact:` file system. */
export async function openArtifact(arg: unknown): Promise<void> {
  const node = nodeOf(arg, 'artifact');
  if (node === undefined || node.file.isDir) {
    return;
  }
  await vscode.commands.executeCommand('vscode.open', artifactUri(node.runId, node.file.path), { preview: true });
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

/** Add, change or remove a tag of a run (REST only). */
export async function editRunTags(model: ExperimentsModel, log: vscode.LogOutputChannel, arg: unknown): Promise<boolean> {
  const node = nodeOf(arg, 'run');
  if (node === undefined) {
    return false;
  }
  const w = await writers(model.session, log, 'edit tags');
  if (w === undefined) {
    return false;
  }
  const tags = node.run.data.tags.filter((t) => !t.key.startsWith('mlflow.'));
  const add = { label: '$(add) Add a tag…', key: undefined as string | undefined };
  const picked = await vscode.window.showQuickPick([add, ...tags.map((t) => ({ label: t.key, description: t.value, key: t.key }))], { title: 'Edit Run Tags' });
  if (picked === undefined) {
    return false;
  }
  let key = picked.key;
  if (key === undefined) {
    key = await vscode.window.showInputBox({ title: 'Tag key', validateInput: (v) => (v.trim() === '' ? 'A tag needs a key.' : v.startsWith('mlflow.') ? 'Keys starting with "mlflow." are reserved for MLflow.' : undefined) });
    if (key === undefined) {
      return false;
    }
  }
  const current = tags.find((t) => t.key === key)?.value ?? '';
  const value = await vscode.window.showInputBox({ title: `Value of "${key}" (empty removes the tag)`, value: current });
  if (value === undefined) {
    return false;
  }
  try {
    await (value === '' ? w.tracking.deleteRunTag(node.runId, key) : w.tracking.setRunTag(node.runId, key.trim(), value));
    model.updateRun(await w.tracking.getRun(node.runId));
    return true;
  } catch (err) {
    reportFailure('Editing the tag', err, log);
    return false;
  }
}

/** The server's own UI for a run or a model version (REST connections only). */
export function serverUiUrl(session: StoreSession, arg: unknown): string | undefined {
  const state = session.state;
  if (state.status !== 'ready' || (state.target.kind !== 'rest' && state.target.kind !== 'azureml')) {
    return undefined;
  }
  const base = state.target.baseUrl;
  const run = nodeOf(arg, 'run');
  if (run !== undefined) {
    return `${base}/#/experiments/${encodeURIComponent(run.experimentId)}/runs/${encodeURIComponent(run.runId)}`;
  }
  const version = nodeOf(arg, 'modelVersion');
  if (version !== undefined) {
    return `${base}/#/models/${encodeURIComponent(version.name)}/versions/${encodeURIComponent(version.version)}`;
  }
  const model = nodeOf(arg, 'registeredModel');
  if (model !== undefined) {
    return `${base}/#/models/${encodeURIComponent(model.model.name)}`;
  }
  const experiment = nodeOf(arg, 'experiment');
  return experiment === undefined ? undefined : `${base}/#/experiments/${encodeURIComponent(experiment.experiment.experimentId)}`;
}
