import * as vscode from 'vscode';
import { runLabel } from '../../core/explorer/runSummary';
import { isRunId, MAX_COMPARED_RUNS } from '../../protocol/compareRuns';
import type { StoreSession } from '../connection';
import { nodeOf, type Explorer } from '../explorer';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { ComparePanel, type CompareDeps } from './comparePanel';
import { compareModelVersions } from './compareVersions';
import { compareLoggedModels } from './compareLoggedModels';
import type { ComparisonBasket } from './comparisonBasket';
import { RunDetailPanel, type RunDetailDeps } from './runDetailPanel';

/** What the compare commands work with: the panels' dependencies, the basket and the loaded runs. */
export interface CompareCommandDeps {
  readonly session: StoreSession;
  readonly explorer: Explorer;
  readonly basket: ComparisonBasket;
  readonly log: vscode.LogOutputChannel;
  readonly compareDeps: CompareDeps;
  readonly detailDeps: RunDetailDeps;
}

/** Run ids of the run nodes a command was invoked on (the clicked one plus a multi-selection). */
function selectedRunIds(arg: unknown, selection: unknown): string[] {
  const nodes = Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [arg];
  return [
    ...new Set(
      nodes
        .map((n) => nodeOf(n, 'run')?.runId ?? (isRunId(n) ? n : undefined))
        .filter((id): id is string => id !== undefined),
    ),
  ];
}

/** Compare these runs in a new panel, at most {@link MAX_COMPARED_RUNS} of them; none asks for some. */
function compareRuns(deps: CompareDeps, runIds: readonly string[]): ComparePanel | undefined {
  if (runIds.length === 0) {
    void vscode.window.showInformationMessage(
      'Select runs in the Experiments view (Ctrl/Cmd+click), or add them with "Add to Comparison" first.',
    );
    return undefined;
  }
  if (runIds.length > MAX_COMPARED_RUNS) {
    void vscode.window.showWarningMessage(
      `Comparing the first ${String(MAX_COMPARED_RUNS)} of ${String(runIds.length)} runs.`,
    );
  }
  return ComparePanel.show(deps, runIds.slice(0, MAX_COMPARED_RUNS));
}

/** "Compare with…": one run chosen, the other picked from the runs the view has loaded. */
async function compareWith(d: CompareCommandDeps, runId: string): Promise<ComparePanel | undefined> {
  const others = d.explorer.model.loadedRuns().filter((r) => r.info.runId !== runId);
  const picked = await vscode.window.showQuickPick(
    others.map((r) => ({
      label: runLabel(r),
      description: r.info.runId,
      picked: d.basket.runIds.includes(r.info.runId),
      runId: r.info.runId,
    })),
    {
      canPickMany: true,
      title: 'Compare with…',
      placeHolder: 'Pick the runs to compare with (the basket is preselected)',
      matchOnDescription: true,
    },
  );
  return picked === undefined || picked.length === 0
    ? undefined
    : compareRuns(d.compareDeps, [runId, ...picked.map((p) => p.runId)]);
}

/** Ask for a run id when the command was not given one. */
async function askRunId(arg: unknown): Promise<string | undefined> {
  if (isRunId(arg)) {
    return arg;
  }
  const typed = await vscode.window.showInputBox({
    title: 'Open Run',
    prompt: 'The id of an MLflow run (32 hex characters on an MLflow server)',
    validateInput: (v) =>
      isRunId(v.trim()) ? undefined : 'A run id has only letters, digits, - and _ (at most 64).',
  });
  return typed?.trim();
}

/**
 * The run detail and comparison commands: open a run, compare a selection, the basket or two
 * model versions. Each goes through the one error-reporting path.
 */
export function registerCompareCommands(context: vscode.ExtensionContext, d: CompareCommandDeps): void {
  const { basket, detailDeps } = d;
  const compare = (runIds: readonly string[]): ComparePanel | undefined => compareRuns(d.compareDeps, runIds);
  registerReported(context, d.log, {
    [COMPARE_COMMANDS.openRun]: (arg) => {
      const runId = nodeOf(arg, 'run')?.runId ?? (isRunId(arg) ? arg : undefined);
      return runId === undefined ? undefined : RunDetailPanel.show(detailDeps, runId);
    },
    [COMPARE_COMMANDS.openRunById]: async (arg) => {
      const runId = await askRunId(arg);
      return runId === undefined ? undefined : RunDetailPanel.show(detailDeps, runId);
    },
    [COMPARE_COMMANDS.addToComparison]: async (arg, selection) => {
      const ids = selectedRunIds(arg, selection);
      if (ids.length === 0) {
        return 0;
      }
      const count = await basket.add(ids);
      void vscode.window
        .showInformationMessage(`${String(count)} run(s) set aside for comparison.`, 'Compare Now')
        .then((choice) => {
          if (choice === 'Compare Now') {
            compare(basket.runIds);
          }
        });
      return count;
    },
    [COMPARE_COMMANDS.compareRuns]: (arg, selection) => {
      const ids = selectedRunIds(arg, selection);
      if (ids.length === 1 && ids[0] !== undefined) {
        return compareWith(d, ids[0]);
      }
      return compare(ids.length > 1 ? ids : basket.runIds);
    },
    [COMPARE_COMMANDS.clearComparison]: () => basket.clear(),
    [COMPARE_COMMANDS.compareVersions]: (arg, selection) =>
      compareModelVersions(d.session, arg, selection, compare, d.log),
    [COMPARE_COMMANDS.compareLoggedModels]: (arg, selection) =>
      compareLoggedModels(d.session, arg, selection, compare),
  });
}
