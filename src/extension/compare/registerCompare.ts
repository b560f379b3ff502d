import * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import { HistoryAggregates } from '../../core/compare/historyAggregates';
import { runLabel } from '../../core/explorer/runSummary';
import {
  COMPARE_VIEW_TYPE,
  isRunId,
  MAX_COMPARED_RUNS,
  type CompareViewState,
} from '../../protocol/compareRuns';
import { RUN_DETAIL_VIEW_TYPE, type RunDetailViewState } from '../../protocol/runDetail';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import type { Explorer } from '../explorer';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';
import { ComparePanel, type CompareDeps } from './comparePanel';
import { compareModelVersions } from './compareVersions';
import { ComparisonBasket } from './comparisonBasket';
import { RunDetailPanel, type RunDetailDeps } from './runDetailPanel';

/** What the rest of the extension (and the in-host tests, through the API) sees of the panels. */
export interface ComparePanels {
  readonly basket: ComparisonBasket;
  /** Open panels, newest last. */
  readonly compares: () => readonly ComparePanel[];
  readonly runDetail: (runId: string) => RunDetailPanel | undefined;
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

/**
 * The run detail and compare panels, the comparison basket, and their commands and serializers
 * (so panels come back after a reload with the runs they showed).
 */
export function registerCompare(
  context: vscode.ExtensionContext,
  session: StoreSession,
  explorer: Explorer,
  log: vscode.LogOutputChannel,
): ComparePanels {
  const basket = new ComparisonBasket(context.workspaceState);
  const aggregates = new HistoryAggregates(async () => (await session.stores()).tracking);
  const compareDeps: CompareDeps = {
    extensionUri: context.extensionUri,
    session,
    log,
    aggregates,
    openRun: (runId) => {
      RunDetailPanel.show(detailDeps, runId);
    },
  };
  const detailDeps: RunDetailDeps = {
    extensionUri: context.extensionUri,
    session,
    log,
    compare: (runIds) => {
      ComparePanel.show(compareDeps, runIds);
    },
  };

  const compare = (runIds: readonly string[]): ComparePanel | undefined => {
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
    return ComparePanel.show(compareDeps, runIds.slice(0, MAX_COMPARED_RUNS));
  };

  /** "Compare with…": one run chosen, the other picked from the runs the view has loaded. */
  const compareWith = async (runId: string): Promise<ComparePanel | undefined> => {
    const others = explorer.model.loadedRuns().filter((r) => r.info.runId !== runId);
    const picked = await vscode.window.showQuickPick(
      others.map((r) => ({
        label: runLabel(r),
        description: r.info.runId,
        picked: basket.runIds.includes(r.info.runId),
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
      : compare([runId, ...picked.map((p) => p.runId)]);
  };

  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    registerReported(context, log, { [id]: handler });
  };
  register(COMPARE_COMMANDS.openRun, (arg) => {
    const runId = nodeOf(arg, 'run')?.runId ?? (isRunId(arg) ? arg : undefined);
    return runId === undefined ? undefined : RunDetailPanel.show(detailDeps, runId);
  });
  register(COMPARE_COMMANDS.openRunById, async (arg) => {
    const runId = isRunId(arg)
      ? arg
      : (
          await vscode.window.showInputBox({
            title: 'Open Run',
            prompt: 'The id of an MLflow run (32 hex characters on an MLflow server)',
            validateInput: (v) =>
              isRunId(v.trim()) ? undefined : 'A run id has only letters, digits, - and _ (at most 64).',
          })
        )?.trim();
    return runId === undefined ? undefined : RunDetailPanel.show(detailDeps, runId);
  });
  register(COMPARE_COMMANDS.addToComparison, async (arg, selection) => {
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
  });
  register(COMPARE_COMMANDS.compareRuns, (arg, selection) => {
    const ids = selectedRunIds(arg, selection);
    if (ids.length === 1 && ids[0] !== undefined) {
      return compareWith(ids[0]);
    }
    return compare(ids.length > 1 ? ids : basket.runIds);
  });
  register(COMPARE_COMMANDS.clearComparison, () => basket.clear());
  register(COMPARE_COMMANDS.compareVersions, (arg, selection) =>
    compareModelVersions(session, arg, selection, compare, log),
  );

  context.subscriptions.push(
    basket,
    session.onDidChange(() => {
      aggregates.clear();
    }),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const ids = (state as Partial<CompareViewState> | undefined)?.runIds;
        ComparePanel.revive(
          panel,
          compareDeps,
          Array.isArray(ids) ? ids.filter(isRunId).slice(0, MAX_COMPARED_RUNS) : basket.runIds,
        );
        return Promise.resolve();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(RUN_DETAIL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const runId = (state as Partial<RunDetailViewState> | undefined)?.runId;
        if (isRunId(runId)) {
          RunDetailPanel.revive(panel, detailDeps, runId);
        } else {
          panel.dispose();
        }
        return Promise.resolve();
      },
    }),
    {
      dispose: () => {
        ComparePanel.disposeAll();
        RunDetailPanel.disposeAll();
      },
    },
  );
  return { basket, compares: () => ComparePanel.all(), runDetail: (runId) => RunDetailPanel.get(runId) };
}
