import * as vscode from 'vscode';
import { qualifiedKey } from '../../core/explorer/searchKeys';
import { checkRunClauses } from '../../core/tracking/search/runClauseRules';
import { parseSearchFilter } from '../../core/tracking/search/searchFilter';
import type { Run } from '../../core/tracking/entities/run';
import { promptFilter } from './filterPrompt';

/**
 * Ask for a run filter in MLflow's grammar (`metrics.rmse < 0.8 and params.model = 'rf'`), with
 * completion of `keys` (the metric, param and tag keys seen in the current experiment, see
 * `searchKeys`). Resolves to the filter ('' clears it), or undefined when the user cancelled.
 */
export function promptRunFilter(
  current: string | undefined,
  keys: readonly string[],
): Promise<string | undefined> {
  return promptFilter({
    title: 'Filter Runs',
    placeholder:
      "MLflow search syntax, e.g. metrics.rmse < 0.8 and params.model = 'rf' (empty shows all runs)",
    clearLabel: 'Show all runs',
    current,
    keys,
    check: checkFilter,
  });
}

/** A problem the user can fix before the server sees the filter (MLflow's own rules and words), or undefined. */
export function checkFilter(value: string): string | undefined {
  if (value.trim() === '') {
    return undefined;
  }
  try {
    checkRunClauses(parseSearchFilter(value));
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

interface SortItem extends vscode.QuickPickItem {
  readonly orderBy: readonly string[];
}

/** Ask how to order runs: start time, name, or any metric/param seen, either direction. */
export async function promptRunSort(runs: readonly Run[]): Promise<readonly string[] | undefined> {
  const metrics = [...new Set(runs.flatMap((r) => r.data.metrics.map((m) => m.key)))].sort();
  const params = [...new Set(runs.flatMap((r) => r.data.params.map((p) => p.key)))].sort();
  const items: SortItem[] = [
    { label: 'Start time, newest first', description: 'default', orderBy: [] },
    { label: 'Start time, oldest first', orderBy: ['attributes.start_time ASC'] },
    { label: 'Run name, A→Z', orderBy: ['attributes.run_name ASC'] },
    { label: 'Metrics', kind: vscode.QuickPickItemKind.Separator, orderBy: [] },
    ...metrics.flatMap((k): SortItem[] => [
      { label: `${k}, highest first`, orderBy: [`${qualifiedKey('metrics', k)} DESC`] },
      { label: `${k}, lowest first`, orderBy: [`${qualifiedKey('metrics', k)} ASC`] },
    ]),
    { label: 'Parameters', kind: vscode.QuickPickItemKind.Separator, orderBy: [] },
    ...params.map((k): SortItem => ({ label: `${k}, A→Z`, orderBy: [`${qualifiedKey('params', k)} ASC`] })),
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Sort Runs',
    placeHolder: 'Order runs by',
  });
  return chosen?.orderBy;
}
