import * as vscode from 'vscode';
import { versionFiles } from '../../core/compare/versionArtifactPath';
import type { ModelVersion } from '../../core/registry/entities/modelVersion';
import type { TrackingStore } from '../../core/tracking/trackingStore';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import { reportFailure } from '../shared/errors/reportFailure';

/** Read-only documents holding a version's MLmodel / requirements for the diff editor. */
export const VERSION_DOC_SCHEME = 'mlflow-version';

const contents = new Map<string, string>();

/** Serves the texts compareModelVersions put aside; registered once by the extension. */
export const versionDocuments: vscode.TextDocumentContentProvider = {
  provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
};

const label = (v: ModelVersion): string =>
  `${v.name} v${v.version}${v.aliases.length > 0 ? ` (${v.aliases.map((a) => `@${a}`).join(', ')})` : ''}`;

async function fileOf(tracking: TrackingStore, v: ModelVersion, file: string): Promise<string> {
  const maxBytes = 5 * 1024 * 1024;
  const where = versionFiles(v);
  if (where === undefined) {
    return `# ${file} of ${label(v)} cannot be read: its source (${v.source ?? 'none'}) is neither a logged model nor inside its run's artifacts.\n`;
  }
  try {
    // MLflow 3 registers a logged model (`models:/m-<id>`): its files are the model's, not the run's.
    const bytes =
      where.kind === 'loggedModel'
        ? await tracking.readLoggedModelArtifact({ modelId: where.modelId, path: file, maxBytes })
        : await tracking.readArtifact({
            runId: where.runId,
            path: where.path === '' ? file : `${where.path}/${file}`,
            maxBytes,
          });
    return new TextDecoder().decode(bytes);
  } catch (err) {
    return `# ${file} of ${label(v)} cannot be read: ${err instanceof Error ? err.message : String(err)}\n`;
  }
}

/**
 * Two texts side by side in VS Code's diff editor, as read-only documents of this module's
 * scheme; `left`/`right` are their paths under it (what the editor tabs show).
 */
export async function openTextDiff(
  left: { readonly path: string; readonly text: string },
  right: { readonly path: string; readonly text: string },
  title: string,
): Promise<void> {
  const uri = (side: { readonly path: string }): vscode.Uri =>
    vscode.Uri.from({ scheme: VERSION_DOC_SCHEME, path: side.path });
  contents.set(uri(left).toString(), left.text);
  contents.set(uri(right).toString(), right.text);
  await vscode.commands.executeCommand('vscode.diff', uri(left), uri(right), title, { preview: false });
}

async function openDiff(
  tracking: TrackingStore,
  a: ModelVersion,
  b: ModelVersion,
  file: string,
): Promise<void> {
  const path = (v: ModelVersion): string => `/${encodeURIComponent(v.name)}/${v.version}/${file}`;
  await openTextDiff(
    { path: path(a), text: await fileOf(tracking, a, file) },
    { path: path(b), text: await fileOf(tracking, b, file) },
    `${file}: ${label(a)} ↔ ${label(b)}`,
  );
}

/** The two versions to compare: two selected in the view, or one plus one picked from its model. */
async function pickVersions(
  session: StoreSession,
  arg: unknown,
  selection: unknown,
): Promise<[ModelVersion, ModelVersion] | undefined> {
  const nodes = (Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [arg])
    .map((n) => nodeOf(n, 'modelVersion'))
    .filter((n) => n !== undefined);
  const { registry } = await session.stores();
  const full = (v: ModelVersion): Promise<ModelVersion> => registry.getModelVersion(v.name, v.version);
  if (nodes.length >= 2 && nodes[0] !== undefined && nodes[1] !== undefined) {
    return [await full(nodes[0].modelVersion), await full(nodes[1].modelVersion)];
  }
  const first = nodes[0]?.modelVersion;
  if (first === undefined) {
    void vscode.window.showInformationMessage(
      'Pick a model version in the Models view to compare it with another.',
    );
    return undefined;
  }
  const page = await registry.searchModelVersions({
    filter: `name = '${first.name.replace(/'/g, "\\'")}'`,
    maxResults: 200,
  });
  const others = await Promise.all(page.items.filter((v) => v.version !== first.version).map(full));
  const picked = await vscode.window.showQuickPick(
    others.map((v) => ({
      label: `Version ${v.version}`,
      description: v.aliases.map((a) => `@${a}`).join(' '),
      detail: v.source,
      v,
    })),
    { title: `Compare ${label(first)} with…` },
  );
  return picked === undefined ? undefined : [await full(first), picked.v];
}

/**
 * Compare two model versions the way a reviewer wants before moving an alias: their source runs
 * side by side in the compare panel, then the MLmodel (signature included) and requirements.txt
 * in VS Code's diff editor.
 */
export async function compareModelVersions(
  session: StoreSession,
  arg: unknown,
  selection: unknown,
  compareRuns: (runIds: readonly string[]) => unknown,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  try {
    const pair = await pickVersions(session, arg, selection);
    if (pair === undefined) {
      return false;
    }
    const [a, b] = pair;
    const runIds = [a.runId, b.runId].filter((id): id is string => id !== undefined);
    if (runIds.length === 2 && runIds[0] !== runIds[1]) {
      compareRuns(runIds);
    }
    const { tracking } = await session.stores();
    await openDiff(tracking, a, b, 'requirements.txt');
    await openDiff(tracking, a, b, 'MLmodel');
    return true;
  } catch (err) {
    reportFailure('Comparing model versions', err, log);
    return false;
  }
}
