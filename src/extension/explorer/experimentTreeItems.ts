// How each node of the Experiments view looks: one builder per node kind, so that the label, icon,
// tooltip and context value (which the menus in package.json match) of one kind read in one place.
import * as vscode from 'vscode';
import { formatBytes } from '../../core/common/formatBytes';
import { isLoggedModelOwner } from '../../core/explorer/artifactOwner';
import { isEvaluationRun } from '../../core/evaluation/evaluationRun';
import { displayText } from '../../core/explorer/displayText';
import { experimentKindLook, experimentKindOf } from '../../core/explorer/experimentKind';
import { formatTimestamp, runDescription, runTooltipLines, statusLook } from '../../core/explorer/runSummary';
import type { ExplorerNode, NodeOf, RunSection } from './explorerNode';
import {
  experimentLoggedModelItem,
  loggedModelSectionItem,
  loggedModelsItem,
  loggedModelsMoreItem,
} from './loggedModelTreeItems';
import { messageItem } from './messageNodes';
import { runSections, SECTION_LABELS } from './sectionChildren';
import { traceItem, traceSessionItem, tracesItem, tracesMoreItem } from './traceTreeItems';
import { plainTooltip } from './treeText';

const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const None = vscode.TreeItemCollapsibleState.None;

/** The tree item of any node the Experiments view shows. */
export function experimentsTreeItem(node: ExplorerNode): vscode.TreeItem {
  switch (node.kind) {
    case 'experiment':
      return experimentItem(node);
    case 'run':
      return runItem(node);
    case 'section':
      return sectionItem(node);
    case 'value':
      return valueItem(node);
    case 'artifact':
      return artifactItem(node);
    case 'loggedModel':
      return node.logged === undefined ? loggedModelItem(node) : experimentLoggedModelItem(node, node.logged);
    case 'loggedModels':
      return loggedModelsItem(node);
    case 'loggedModelSection':
      return loggedModelSectionItem(node);
    case 'loggedModelsMore':
      return loggedModelsMoreItem(node);
    case 'loadMore':
      return loadMoreItem(node);
    case 'message':
      return messageItem(node);
    case 'traces':
      return tracesItem(node);
    case 'trace':
      return traceItem(node);
    case 'traceSession':
      return traceSessionItem(node);
    case 'tracesMore':
      return tracesMoreItem(node);
    default:
      return new vscode.TreeItem('');
  }
}

export function experimentItem(node: NodeOf<'experiment'>): vscode.TreeItem {
  const e = node.experiment;
  const deleted = e.lifecycleStage === 'deleted';
  // The kind (MLflow 3's `mlflow.experimentKind`) picks the icon and joins the description.
  const kind = experimentKindLook(experimentKindOf(e.tags));
  const item = new vscode.TreeItem(displayText(e.name, 120), Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(deleted ? 'trash' : (kind?.icon ?? 'beaker'));
  item.description = [`#${e.experimentId}`, kind?.label, deleted ? 'deleted' : undefined]
    .filter((p) => p !== undefined)
    .join(' · ');
  item.tooltip = plainTooltip([
    displayText(e.name, 300),
    `Experiment ID: ${e.experimentId}`,
    ...(kind === undefined ? [] : [`Kind: ${kind.label} (${displayText(kind.kind, 60)})`]),
    `Created: ${formatTimestamp(e.creationTime) || 'unknown'}`,
    `Artifacts: ${displayText(e.artifactLocation ?? 'unknown', 300)}`,
  ]);
  item.contextValue = `mlflow.experiment${deleted ? '.deleted' : ''}`;
  return item;
}

export function runItem(node: NodeOf<'run'>): vscode.TreeItem {
  const run = node.run;
  const look = statusLook(run.info.status);
  const item = new vscode.TreeItem(node.name, Collapsed);
  item.id = node.id;
  item.description = runDescription(run, Date.now());
  item.iconPath = new vscode.ThemeIcon(
    run.info.lifecycleStage === 'deleted' ? 'trash' : look.icon,
    look.color === undefined ? undefined : new vscode.ThemeColor(look.color),
  );
  item.tooltip = plainTooltip(runTooltipLines(run, Date.now()));
  item.accessibilityInformation = {
    label: `Run ${node.name}, ${look.label}${item.description ? `, ${item.description}` : ''}`,
  };
  // `.eval` marks evaluation runs (mlflow.genai.evaluate) for their menu items.
  const evaluation = isEvaluationRun(run) ? '.eval' : '';
  item.contextValue = `mlflow.run.${run.info.status.toLowerCase()}${evaluation}${run.info.lifecycleStage === 'deleted' ? '.deleted' : ''}`;
  return item;
}

const SECTION_ICONS: Readonly<Record<RunSection, string>> = {
  params: 'symbol-parameter',
  metrics: 'graph-line',
  tags: 'tag',
  datasets: 'database',
  artifacts: 'folder-library',
  models: 'package',
};

export function sectionItem(node: NodeOf<'section'>): vscode.TreeItem {
  const count = runSections(node.run).find((s) => s.section === node.section)?.count;
  const item = new vscode.TreeItem(SECTION_LABELS[node.section], Collapsed);
  item.id = node.id;
  item.description = count === undefined ? undefined : String(count);
  item.iconPath = new vscode.ThemeIcon(SECTION_ICONS[node.section]);
  item.contextValue = `mlflow.section.${node.section}`;
  return item;
}

export function valueItem(node: NodeOf<'value'>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, None);
  item.id = node.id;
  item.description = node.description;
  item.tooltip = plainTooltip(node.tooltip.split('\n'));
  item.iconPath = node.icon === undefined ? undefined : new vscode.ThemeIcon(node.icon);
  item.contextValue = 'mlflow.value';
  return item;
}

export function artifactItem(node: NodeOf<'artifact'>): vscode.TreeItem {
  const name = node.file.path.split('/').pop() ?? node.file.path;
  const item = new vscode.TreeItem(displayText(name, 120), node.file.isDir ? Collapsed : None);
  item.id = node.id;
  item.resourceUri = vscode.Uri.from({
    scheme: 'mlflow-artifact',
    path: `/${node.runId}/${node.file.path}`,
  });
  item.iconPath = node.file.isDir ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
  item.description =
    node.file.isDir || node.file.fileSize === undefined ? undefined : formatBytes(node.file.fileSize);
  // A logged model's files open like a run's; the run-only actions (download by run) stay off them.
  const owner = isLoggedModelOwner(node.runId) ? 'mlflow.loggedModelArtifact' : 'mlflow.artifact';
  item.contextValue = `${owner}.${node.file.isDir ? 'dir' : 'file'}`;
  if (!node.file.isDir) {
    item.command = { command: 'mlflow.artifacts.open', title: 'Open Artifact', arguments: [node] };
  }
  return item;
}

export function loggedModelItem(node: NodeOf<'loggedModel'>): vscode.TreeItem {
  const m = node.model;
  const item = new vscode.TreeItem(displayText(m.label, 120), None);
  item.id = node.id;
  const flavors = m.flavors.map((f) => displayText(f, 40)).join(', ');
  // A 3.x logged model: its id tells two models of one name apart; a pending one has no files yet.
  item.description =
    m.modelId === undefined
      ? flavors
      : [
          m.used === true ? 'used' : undefined,
          m.modelId,
          m.status === 'LOGGED_MODEL_PENDING' ? 'pending' : undefined,
        ]
          .filter((x) => x !== undefined)
          .join(' · ');
  item.iconPath = new vscode.ThemeIcon('package');
  item.tooltip = plainTooltip([
    displayText(m.modelUri, 300),
    ...(m.modelId === undefined
      ? [`Flavors: ${flavors || 'unknown'}`]
      : [
          `Logged model ${m.modelId}`,
          ...(m.used === true ? ['Used by this run (its inputs name it), logged by another'] : []),
          `Status: ${displayText(m.status ?? 'unknown', 60)}`,
          `Artifacts: ${displayText(m.artifactUri ?? 'unknown', 300)}`,
        ]),
  ]);
  item.contextValue = 'mlflow.loggedModel';
  return item;
}

export function loadMoreItem(node: NodeOf<'loadMore'>): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more runs…', None);
  item.id = node.id;
  item.description = `${node.loaded} loaded`;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.command = { command: 'mlflow.runs.loadMore', title: 'Load More Runs', arguments: [node] };
  item.contextValue = 'mlflow.loadMore';
  return item;
}
