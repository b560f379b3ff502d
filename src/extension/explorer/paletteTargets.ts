import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { displayText } from '../../core/explorer/displayText';
import { formatTimestamp, runLabel, statusLook } from '../../core/explorer/runSummary';
import type { RegisteredModel } from '../../core/registry/entities/registeredModel';
import type { ViewType } from '../../core/tracking/trackingStore';
import type { ExplorerNode, NodeOf } from './explorerNode';
import type { ExperimentsModel } from './experimentsModel';
import { filterString } from './modelsTreeProvider';

/** Runs offered when a run command comes from the palette: the newest of the experiment. */
const RECENT_RUNS = 50;

/**
 * The experiment the user is looking at: the one of the selected node in the Experiments view,
 * else the only experiment whose runs are loaded, else undefined (several or none expanded).
 */
export function currentExperimentId(
  model: ExperimentsModel,
  selection: readonly ExplorerNode[],
): string | undefined {
  const selected = selection[0];
  if (selected !== undefined) {
    switch (selected.kind) {
      case 'experiment':
        return selected.experiment.experimentId;
      case 'run':
      case 'loadMore':
      case 'traces':
      case 'trace':
      case 'traceSession':
      case 'tracesMore':
        return selected.experimentId;
      case 'section':
        return selected.run.info.experimentId;
      default:
        break;
    }
  }
  const expanded = [...new Set(model.loadedRuns().map((r) => r.info.experimentId))];
  return expanded.length === 1 ? expanded[0] : undefined;
}

/**
 * A run for a command invoked from the palette (no tree node): the newest runs of the current
 * experiment, asking for the experiment first when there is no current one. `deleted` offers the
 * deleted runs instead (for Restore). Undefined when the user cancelled or there is nothing to pick.
 */
export async function pickRun(
  model: ExperimentsModel,
  selection: readonly ExplorerNode[],
  title: string,
  deleted = false,
): Promise<NodeOf<'run'> | undefined> {
  const experimentId = currentExperimentId(model, selection) ?? (await pickExperiment(model, title));
  if (experimentId === undefined) {
    return undefined;
  }
  const stores = await model.session.stores();
  const runViewType: ViewType = deleted ? 'DELETED_ONLY' : 'ACTIVE_ONLY';
  const page = await stores.tracking.searchRuns({
    experimentIds: [experimentId],
    runViewType,
    maxResults: RECENT_RUNS,
    orderBy: ['attributes.start_time DESC'],
  });
  if (page.items.length === 0) {
    void vscode.window.showInformationMessage(
      deleted ? 'This experiment has no deleted runs.' : 'This experiment has no runs yet.',
    );
    return undefined;
  }
  const items = page.items.map((run) => ({
    label: `$(${statusLook(run.info.status).icon.replace(/~spin$/, '')}) ${runLabel(run)}`,
    description: formatTimestamp(run.info.startTime),
    detail: run.info.runId,
    run,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Recent runs of the experiment, newest first',
    matchOnDetail: true,
  });
  if (chosen === undefined) {
    return undefined;
  }
  const run = chosen.run;
  return {
    kind: 'run',
    id: `run:${run.info.runId}`,
    runId: run.info.runId,
    experimentId: run.info.experimentId,
    name: runLabel(run),
    run,
    childRuns: [],
    parentId: `exp:${run.info.experimentId}`,
  };
}

async function pickExperiment(model: ExperimentsModel, title: string): Promise<string | undefined> {
  const experiments = await model.experiments();
  const chosen = await vscode.window.showQuickPick(
    experiments.map((e) => ({
      label: displayText(e.name, 120),
      description: `#${e.experimentId}`,
      id: e.experimentId,
    })),
    { title, placeHolder: 'Which experiment?' },
  );
  return chosen?.id;
}

/**
 * A model version for a command invoked from the palette: the registered model selected in the
 * Models view (or the one the user picks), then one of its versions, newest first, with aliases.
 */
export async function pickModelVersion(
  model: ExperimentsModel,
  selection: readonly ExplorerNode[],
  title: string,
): Promise<NodeOf<'modelVersion'> | undefined> {
  const stores = await model.session.stores();
  const selected = selection[0];
  let registered: RegisteredModel | undefined =
    selected?.kind === 'registeredModel' ? selected.model : undefined;
  if (selected?.kind === 'modelVersion') {
    registered = await stores.registry.getRegisteredModel(selected.name);
  }
  if (registered === undefined) {
    const models = await collectPages(
      (pageToken) => stores.registry.searchRegisteredModels({ maxResults: 100, pageToken }),
      { maxItems: 2_000 },
    );
    if (models.length === 0) {
      void vscode.window.showInformationMessage('There are no registered models.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      models.map((m) => ({
        label: displayText(m.name, 120),
        description: m.aliases.map((a) => `@${displayText(a.alias, 40)}→v${a.version}`).join(' '),
        model: m,
      })),
      { title, placeHolder: 'Which registered model?' },
    );
    registered = picked?.model;
  }
  if (registered === undefined) {
    return undefined;
  }
  const modelAliases = registered.aliases;
  const name = registered.name;
  const versions = await collectPages(
    (pageToken) =>
      stores.registry.searchModelVersions({
        filter: `name = ${filterString(name)}`,
        maxResults: 200,
        pageToken,
      }),
    { maxItems: 2_000 },
  );
  versions.sort((a, b) => Number(b.version) - Number(a.version));
  if (versions.length === 0) {
    void vscode.window.showInformationMessage(`${displayText(name, 80)} has no versions.`);
    return undefined;
  }
  const aliasesOf = (version: string): string[] =>
    modelAliases.filter((a) => a.version === version).map((a) => a.alias);
  const chosen = await vscode.window.showQuickPick(
    versions.map((v) => {
      const aliases = [...new Set([...v.aliases, ...aliasesOf(v.version)])].sort();
      return {
        label: `Version ${v.version}`,
        description: aliases.map((a) => `@${displayText(a, 40)}`).join(' '),
        detail: v.runId === undefined ? undefined : `Run ${v.runId}`,
        v: { ...v, aliases },
      };
    }),
    { title, placeHolder: `Which version of ${displayText(name, 80)}?` },
  );
  if (chosen === undefined) {
    return undefined;
  }
  return {
    kind: 'modelVersion',
    id: `model:${name}/v${chosen.v.version}`,
    name,
    version: chosen.v.version,
    modelVersion: chosen.v,
    parentId: `model:${name}`,
  };
}
