// How the trace nodes of the Experiments view look: the Traces node, one trace, and the trace
// list's *Load more*. Their context values (`mlflow.traces`, `mlflow.trace`) are what menus match.
import * as vscode from 'vscode';
import {
  traceDescription,
  traceLabel,
  traceStateLook,
  traceTooltipLines,
} from '../../core/explorer/traceSummary';
import { displayText } from '../../core/explorer/displayText';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import type { NodeOf } from './explorerNode';
import { plainTooltip } from './treeText';

/** How a Traces node lists its traces: the trace filter and the grouping by session. */
export interface TracesView {
  readonly filter: string | undefined;
  readonly grouped: boolean;
}

/**
 * The Traces node. Its context value carries `.filtered` and `.grouped` so that the menus offer
 * *Clear Trace Filter* and *Ungroup* only where they do something.
 */
export function tracesItem(
  node: NodeOf<'traces'>,
  view: TracesView = { filter: undefined, grouped: false },
): vscode.TreeItem {
  const item = new vscode.TreeItem('Traces', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(view.filter === undefined ? 'pulse' : 'filter');
  const parts = [
    view.filter === undefined ? undefined : `filter: ${displayText(view.filter, 80)}`,
    view.grouped ? 'by session' : undefined,
  ].filter((p) => p !== undefined);
  item.description = parts.length === 0 ? undefined : parts.join(' · ');
  item.tooltip = plainTooltip([
    'The traces of this experiment, newest first.',
    ...(view.filter === undefined ? [] : [`Filtered by: ${displayText(view.filter, 500)}`]),
    ...(view.grouped ? ['Grouped by session (metadata mlflow.trace.session).'] : []),
  ]);
  item.contextValue = `mlflow.traces${view.filter === undefined ? '' : '.filtered'}${view.grouped ? '.grouped' : ''}`;
  return item;
}

/** A session of the grouped Traces node, with its trace count. */
export function traceSessionItem(node: NodeOf<'traceSession'>): vscode.TreeItem {
  const label = node.sessionId === undefined ? 'No session' : displayText(node.sessionId, 120);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${node.count} ${node.count === 1 ? 'trace' : 'traces'}`;
  item.iconPath = new vscode.ThemeIcon(node.sessionId === undefined ? 'circle-slash' : 'comment-discussion');
  item.tooltip = plainTooltip([
    node.sessionId === undefined
      ? 'The loaded traces without a session (no mlflow.trace.session metadata).'
      : `Session: ${displayText(node.sessionId, 300)}`,
    `${item.description} loaded`,
  ]);
  item.contextValue = 'mlflow.traceSession';
  return item;
}

export function traceItem(node: NodeOf<'trace'>): vscode.TreeItem {
  const info = node.info;
  const look = traceStateLook(info.state);
  const item = new vscode.TreeItem(traceLabel(info), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = traceDescription(info);
  item.iconPath = new vscode.ThemeIcon(
    look.icon,
    look.color === undefined ? undefined : new vscode.ThemeColor(look.color),
  );
  // plainTooltip escapes every line and allows neither command links nor HTML.
  item.tooltip = plainTooltip(traceTooltipLines(info));
  item.accessibilityInformation = {
    label: `Trace ${traceLabel(info)}, ${look.label}${item.description ? `, ${item.description}` : ''}`,
  };
  // A click opens the trace panel (its span tree and details), as a click on an artifact opens it.
  item.command = { command: TRACE_COMMANDS.openTrace, title: 'Open Trace', arguments: [info.traceId] };
  item.contextValue = 'mlflow.trace';
  return item;
}

export function tracesMoreItem(node: NodeOf<'tracesMore'>): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more traces…', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${node.loaded} loaded`;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.command = {
    command: EXPLORER_COMMANDS.loadMoreTraces,
    title: 'Load More Traces',
    arguments: [node],
  };
  item.contextValue = 'mlflow.loadMore.traces';
  return item;
}
