// How the experiments' Logged Models nodes look (MLflow 3): the node itself, each model with its
// status icon and source run, its sections and the Load more row.
import * as vscode from 'vscode';
import { displayText } from '../../core/explorer/displayText';
import { loggedModelDescription, loggedModelLook, sourceRunOf } from '../../core/explorer/loggedModelRows';
import { formatTimestamp } from '../../core/explorer/runSummary';
import type { LoggedModel } from '../../core/tracking/entities/loggedModel';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { LoggedModelSection, NodeOf } from './explorerNode';
import { LOGGED_MODEL_SECTION_LABELS } from './loggedModelChildren';
import { plainTooltip } from './treeText';

const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const None = vscode.TreeItemCollapsibleState.None;

export function loggedModelsItem(node: NodeOf<'loggedModels'>): vscode.TreeItem {
  const item = new vscode.TreeItem('Logged Models', Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('package');
  item.tooltip = 'The MLflow 3 logged models of this experiment (models:/m-<id>), newest first';
  item.contextValue = 'mlflow.loggedModels';
  return item;
}

/**
 * A model under an experiment's Logged Models node. Its context value starts as a run's model
 * node's does, so Serve Locally, Copy Model URI and Deploy apply; `.source` adds Show Source Run.
 */
export function experimentLoggedModelItem(node: NodeOf<'loggedModel'>, m: LoggedModel): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(m.name || m.modelId, 120), Collapsed);
  item.id = node.id;
  const look = loggedModelLook(m.status);
  item.iconPath = new vscode.ThemeIcon(
    look.icon,
    look.color === undefined ? undefined : new vscode.ThemeColor(look.color),
  );
  item.description = loggedModelDescription(m);
  const run = sourceRunOf(m);
  item.tooltip = plainTooltip([
    `${displayText(m.name || m.modelId, 200)} — ${look.label}`,
    `models:/${m.modelId}`,
    `Source run: ${run ?? 'none'}`,
    `Created: ${formatTimestamp(m.creationTimestampMs ?? 0) || 'unknown'}`,
    ...(m.modelType === undefined || m.modelType === '' ? [] : [`Type: ${displayText(m.modelType, 80)}`]),
    `Artifacts: ${displayText(m.artifactUri ?? 'unknown', 300)}`,
  ]);
  item.contextValue = run === undefined ? 'mlflow.loggedModel' : 'mlflow.loggedModel.source';
  return item;
}

const SECTION_ICONS: Readonly<Record<LoggedModelSection, string>> = {
  params: 'symbol-parameter',
  metrics: 'graph-line',
  tags: 'tag',
  artifacts: 'files',
};

export function loggedModelSectionItem(node: NodeOf<'loggedModelSection'>): vscode.TreeItem {
  const m = node.model;
  const count =
    node.section === 'params'
      ? m.params.length
      : node.section === 'metrics'
        ? m.metrics.length
        : node.section === 'tags'
          ? m.tags.length
          : undefined;
  const item = new vscode.TreeItem(LOGGED_MODEL_SECTION_LABELS[node.section], Collapsed);
  item.id = node.id;
  item.description = count === undefined ? undefined : String(count);
  item.iconPath = new vscode.ThemeIcon(SECTION_ICONS[node.section]);
  item.contextValue = `mlflow.loggedModelSection.${node.section}`;
  return item;
}

export function loggedModelsMoreItem(node: NodeOf<'loggedModelsMore'>): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more logged models…', None);
  item.id = node.id;
  item.description = `${node.loaded} loaded`;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.command = {
    command: EXPLORER_COMMANDS.loadMoreLoggedModels,
    title: 'Load More Logged Models',
    arguments: [node],
  };
  item.contextValue = 'mlflow.loggedModelsMore';
  return item;
}
