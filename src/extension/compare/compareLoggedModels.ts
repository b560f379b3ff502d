import * as vscode from 'vscode';
import { loggedModelSummary } from '../../core/compare/loggedModelSummary';
import type { LoggedModel } from '../../core/tracking/entities/loggedModel';
import type { TrackingStore } from '../../core/tracking/trackingStore';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import { openTextDiff } from './compareVersions';

/** MLmodel and requirements files are small; anything bigger is not worth a diff. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const label = (m: LoggedModel): string => `${m.name} (${m.modelId.slice(0, 10)})`;

/** The logged model a node stands for (MLflow 3 only: a 2.x run's model has no entity). */
async function entityOf(tracking: TrackingStore, node: unknown): Promise<LoggedModel | undefined> {
  const n = nodeOf(node, 'loggedModel');
  if (n === undefined) {
    return undefined;
  }
  if (n.logged !== undefined) {
    return n.logged;
  }
  return n.model.modelId === undefined ? undefined : tracking.getLoggedModel(n.model.modelId);
}

/** Two selected logged models, or the one clicked and one picked from its experiment. */
async function pickPair(
  tracking: TrackingStore,
  arg: unknown,
  selection: unknown,
): Promise<[LoggedModel, LoggedModel] | undefined> {
  const nodes = Array.isArray(selection) && selection.length > 1 ? (selection as unknown[]) : [arg];
  const models = (await Promise.all(nodes.slice(0, 2).map((n) => entityOf(tracking, n)))).filter(
    (m): m is LoggedModel => m !== undefined,
  );
  const [first, second] = models;
  if (first === undefined) {
    void vscode.window.showInformationMessage(
      'Pick an MLflow 3 logged model in the Experiments view to compare it with another (a 2.x run’s model: use Compare Runs).',
    );
    return undefined;
  }
  if (second !== undefined) {
    return [first, second];
  }
  const page = await tracking.searchLoggedModels({ experimentIds: [first.experimentId], maxResults: 200 });
  const picked = await vscode.window.showQuickPick(
    page.items
      .filter((m) => m.modelId !== first.modelId)
      .map((m) => ({ label: m.name, description: m.modelId, detail: m.status, m })),
    { title: `Compare ${label(first)} with…` },
  );
  return picked === undefined ? undefined : [first, picked.m];
}

async function fileOf(tracking: TrackingStore, m: LoggedModel, file: string): Promise<string> {
  try {
    const bytes = await tracking.readLoggedModelArtifact({
      modelId: m.modelId,
      path: file,
      maxBytes: MAX_FILE_BYTES,
    });
    return new TextDecoder().decode(bytes);
  } catch (err) {
    return `# ${file} of ${label(m)} cannot be read: ${err instanceof Error ? err.message : String(err)}\n`;
  }
}

/**
 * "Compare Logged Models": two MLflow 3 logged models side by side — their params, metrics and
 * tags as one diffable summary each, then their MLmodel (signature included) in VS Code's diff
 * editor, and their source runs in the compare panel when they came from two runs. Returns the
 * ids compared (undefined when nothing was).
 */
export async function compareLoggedModels(
  session: StoreSession,
  arg: unknown,
  selection: unknown,
  compareRuns: (runIds: readonly string[]) => unknown,
): Promise<readonly [string, string] | undefined> {
  const { tracking } = await session.stores();
  const pair = await pickPair(tracking, arg, selection);
  if (pair === undefined) {
    return undefined;
  }
  const [a, b] = pair;
  const runs = [a.sourceRunId, b.sourceRunId].filter((id): id is string => id !== undefined);
  if (runs.length === 2 && runs[0] !== runs[1]) {
    compareRuns(runs);
  }
  const path = (m: LoggedModel, file: string): string => `/logged-models/${m.modelId}/${file}`;
  await openTextDiff(
    { path: path(a, 'MLmodel'), text: await fileOf(tracking, a, 'MLmodel') },
    { path: path(b, 'MLmodel'), text: await fileOf(tracking, b, 'MLmodel') },
    `MLmodel: ${label(a)} ↔ ${label(b)}`,
  );
  await openTextDiff(
    { path: path(a, 'model.yaml'), text: loggedModelSummary(a) },
    { path: path(b, 'model.yaml'), text: loggedModelSummary(b) },
    `Params, metrics, tags: ${label(a)} ↔ ${label(b)}`,
  );
  return [a.modelId, b.modelId];
}
