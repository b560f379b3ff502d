import * as vscode from 'vscode';
import { completeKey, qualifiedKey } from '../../core/explorer/searchKeys';
import { checkRunClauses } from '../../core/tracking/search/runClauseRules';
import { parseSearchFilter } from '../../core/tracking/search/searchFilter';
import type { Run } from '../../core/tracking/entities/run';

interface FilterItem extends vscode.QuickPickItem {
  readonly apply?: true;
  readonly completion?: string;
}

/**
 * Ask for a run filter in MLflow's grammar (`metrics.rmse < 0.8 and params.model = 'rf'`). The
 * input box is a QuickPick so that `keys` (the metric, param and tag keys seen in the current
 * experiment, see `searchKeys`) can be completed: picking a key puts it into the filter; picking
 * the first row applies the filter. Resolves to the filter ('' clears it), or undefined when the
 * user cancelled.
 */
export function promptRunFilter(
  current: string | undefined,
  keys: readonly string[],
): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<FilterItem>();
  pick.title = 'Filter Runs';
  pick.placeholder =
    "MLflow search syntax, e.g. metrics.rmse < 0.8 and params.model = 'rf' (empty shows all runs)";
  pick.value = current ?? '';
  pick.matchOnDescription = false;
  pick.ignoreFocusOut = true;
  const update = (): void => {
    const value = pick.value;
    const problem = checkFilter(value);
    const apply: FilterItem = {
      label: value.trim() === '' ? 'Show all runs' : `Apply filter: ${value.trim()}`,
      description: problem,
      apply: true,
      alwaysShow: true,
    };
    // alwaysShow: the items are computed here, VS Code's fuzzy match of the whole value would hide them.
    const completions = completeKey(value, keys)
      .slice(0, 50)
      .map((c): FilterItem => ({
        label: c.key,
        description: 'insert key',
        completion: c.filter,
        alwaysShow: true,
      }));
    pick.items = [apply, ...completions];
    pick.activeItems = [apply];
  };
  update();
  return new Promise((resolve) => {
    let done = false;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const chosen = pick.activeItems[0];
      if (chosen?.completion !== undefined) {
        pick.value = chosen.completion;
        update();
        return;
      }
      if (checkFilter(pick.value) !== undefined) {
        return; // the description says what is wrong; keep the box open
      }
      done = true;
      resolve(pick.value.trim());
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) {
        resolve(undefined);
      }
      pick.dispose();
    });
    pick.show();
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
