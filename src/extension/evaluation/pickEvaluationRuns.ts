import * as vscode from 'vscode';
import { findEvaluationRuns } from '../../core/evaluation/findEvaluationRuns';
import { runLabel } from '../../core/explorer/runSummary';
import type { StoreSession } from '../connection';

/**
 * Let the user pick evaluation runs of the active store (`count` of them: one to show, two to
 * compare); `preselected` are ticked. Undefined when cancelled or when there are too few.
 */
export async function pickEvaluationRuns(
  session: StoreSession,
  count: 1 | 2,
  preselected: readonly string[] = [],
): Promise<string[] | undefined> {
  const { tracking } = await session.stores();
  const runs = await findEvaluationRuns(tracking);
  if (runs.length < count) {
    void vscode.window.showInformationMessage(
      count === 1
        ? 'This store has no evaluation runs (runs made by mlflow.genai.evaluate).'
        : 'Comparing needs two evaluation runs (runs made by mlflow.genai.evaluate); this store has fewer.',
    );
    return undefined;
  }
  const items = runs.map((r) => ({
    label: runLabel(r),
    description: r.info.runId,
    detail: r.data.metrics.map((m) => `${m.key} ${String(Number(m.value.toPrecision(4)))}`).join('  '),
    picked: preselected.includes(r.info.runId),
    runId: r.info.runId,
  }));
  if (count === 1) {
    const one = await vscode.window.showQuickPick(items, {
      title: 'Show Evaluation Results',
      placeHolder: 'Pick an evaluation run',
      matchOnDescription: true,
    });
    return one === undefined ? undefined : [one.runId];
  }
  const many = await vscode.window.showQuickPick(items, {
    title: 'Compare Evaluation Runs',
    placeHolder: 'Pick two evaluation runs (the older one is the baseline)',
    canPickMany: true,
    matchOnDescription: true,
  });
  if (many === undefined) {
    return undefined;
  }
  if (many.length !== 2) {
    void vscode.window.showWarningMessage(
      `Pick exactly two evaluation runs (${String(many.length)} picked).`,
    );
    return undefined;
  }
  return many.map((m) => m.runId);
}
