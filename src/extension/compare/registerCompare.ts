import type * as vscode from 'vscode';
import { HistoryAggregates } from '../../core/compare/historyAggregates';
import type { StoreSession } from '../connection';
import type { Explorer } from '../explorer';
import { registerCompareCommands } from './compareCommands';
import { ComparePanel, type CompareDeps } from './comparePanel';
import { ComparisonBasket } from './comparisonBasket';
import { RunDetailPanel, type RunDetailDeps } from './runDetailPanel';

/** What the rest of the extension (and the in-host tests, through the API) sees of the panels. */
export interface ComparePanels {
  readonly basket: ComparisonBasket;
  /** Open panels, newest last. */
  readonly compares: () => readonly ComparePanel[];
  readonly runDetail: (runId: string) => RunDetailPanel | undefined;
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
  registerCompareCommands(context, { session, explorer, basket, log, compareDeps, detailDeps });
  context.subscriptions.push(
    basket,
    session.onDidChange(() => {
      aggregates.clear();
    }),
    ComparePanel.registerSerializer(compareDeps, () => basket.runIds),
    RunDetailPanel.registerSerializer(detailDeps),
    {
      dispose: () => {
        ComparePanel.disposeAll();
        RunDetailPanel.disposeAll();
      },
    },
  );
  return { basket, compares: () => ComparePanel.all(), runDetail: (runId) => RunDetailPanel.get(runId) };
}
