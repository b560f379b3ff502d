import { searchKeys } from '../../core/explorer/searchKeys';
import type { Run } from '../../core/tracking/entities/run';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { nodeOf } from './explorerNode';
import type { ExplorerViews } from './explorerViews';
import { currentExperimentId } from './paletteTargets';
import { promptRunFilter, promptRunSort } from './runFilterPrompt';

/** The keys the run filter completes: those seen in the current experiment's loaded runs. */
export function runFilterKeys({ model, experimentsView }: ExplorerViews): string[] {
  return searchKeys(model.loadedRuns(), currentExperimentId(model, experimentsView.selection));
}

/** The view's description and message say which filter, sort and deleted runs it shows. */
function describeQuery({ model, experimentsView }: ExplorerViews): void {
  const q = model.query;
  const parts = [
    q.filter === undefined ? undefined : `filter: ${q.filter}`,
    q.orderBy.length === 0 ? undefined : `sort: ${q.orderBy.join(', ')}`,
    q.showDeleted ? 'incl. deleted' : undefined,
  ].filter((p) => p !== undefined);
  experimentsView.description = parts.length === 0 ? undefined : parts.join(' · ');
  experimentsView.message = q.filter === undefined ? undefined : `Runs filtered by: ${q.filter}`;
}

/**
 * The commands that change what the views list rather than what is stored: refresh, show deleted
 * runs, filter and sort the runs, load the next page.
 */
export function registerViewCommands({ register, views }: ExplorerCommandKit): void {
  const { session, model, artifacts, experimentsView } = views;
  const refresh = (): void => {
    artifacts.clear();
    // Local stores are read into memory: reopening is what shows runs logged since.
    session.reset();
  };
  register(EXPLORER_COMMANDS.refreshExperiments, refresh);
  register(EXPLORER_COMMANDS.refreshModels, refresh);
  register(EXPLORER_COMMANDS.showDeleted, () => {
    model.setQuery({ showDeleted: !model.query.showDeleted });
    describeQuery(views);
  });
  // Completion and sort keys come from the experiment the user is looking at, not every expanded one.
  const scopedRuns = (): readonly Run[] => {
    const experimentId = currentExperimentId(model, experimentsView.selection);
    return experimentId === undefined ? model.loadedRuns() : model.loadedRunsOf(experimentId);
  };
  register(EXPLORER_COMMANDS.filterRuns, async (filterArg?: unknown) => {
    // A refused filter stays in the box (model.query keeps it) so that it can be corrected.
    const filter =
      typeof filterArg === 'string'
        ? filterArg
        : await promptRunFilter(model.query.filter, runFilterKeys(views));
    if (filter !== undefined) {
      model.setQuery({ filter: filter === '' ? undefined : filter });
      describeQuery(views);
    }
  });
  register(EXPLORER_COMMANDS.clearFilter, () => {
    model.setQuery({ filter: undefined });
    describeQuery(views);
  });
  register(EXPLORER_COMMANDS.sortRuns, async (orderArg?: unknown) => {
    const orderBy = Array.isArray(orderArg) ? orderArg.map(String) : await promptRunSort(scopedRuns());
    if (orderBy !== undefined) {
      model.setQuery({ orderBy });
      describeQuery(views);
    }
  });
  register(EXPLORER_COMMANDS.loadMore, (arg) => {
    const node = nodeOf(arg, 'loadMore');
    return node === undefined ? undefined : model.loadMore(node.experimentId);
  });
}
