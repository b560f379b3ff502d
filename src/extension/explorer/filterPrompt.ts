import * as vscode from 'vscode';
import { completeKey } from '../../core/explorer/searchKeys';

/** What one filter box asks for: the run filter and the trace filter differ only in these. */
export interface FilterPromptOptions {
  readonly title: string;
  readonly placeholder: string;
  /** The first row's label while the box is empty (accepting it clears the filter). */
  readonly clearLabel: string;
  readonly current: string | undefined;
  /** The keys to complete (see `searchKeys`, `traceFilterKeys`). */
  readonly keys: readonly string[];
  /** A problem the user can fix before a server sees the filter, or undefined. */
  readonly check: (value: string) => string | undefined;
}

interface FilterItem extends vscode.QuickPickItem {
  readonly apply?: true;
  readonly completion?: string;
}

/**
 * Ask for a filter in one of MLflow's search grammars. The input box is a QuickPick so that the
 * keys can be completed: picking a key puts it into the filter; picking the first row applies the
 * filter. Resolves to the filter ('' clears it), or undefined when the user cancelled.
 */
export function promptFilter(options: FilterPromptOptions): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<FilterItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.value = options.current ?? '';
  pick.matchOnDescription = false;
  pick.ignoreFocusOut = true;
  const update = (): void => {
    const value = pick.value;
    const apply: FilterItem = {
      label: value.trim() === '' ? options.clearLabel : `Apply filter: ${value.trim()}`,
      description: value.trim() === '' ? undefined : options.check(value),
      apply: true,
      alwaysShow: true,
    };
    // alwaysShow: the items are computed here, VS Code's fuzzy match of the whole value would hide them.
    const completions = completeKey(value, options.keys)
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
      if (pick.value.trim() !== '' && options.check(pick.value) !== undefined) {
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
