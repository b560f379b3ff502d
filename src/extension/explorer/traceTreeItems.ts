// How the trace nodes of the Experiments view look: the Traces node, one trace, and the trace
// list's *Load more*. Their context values (`mlflow.traces`, `mlflow.trace`) are what menus match.
import * as vscode from 'vscode';
import {
  traceDescription,
  traceLabel,
  traceStateLook,
  traceTooltipLines,
} from '../../core/explorer/traceSummary';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import type { NodeOf } from './explorerNode';
import { plainTooltip } from './treeText';

export function tracesItem(node: NodeOf<'traces'>): vscode.TreeItem {
  const item = new vscode.TreeItem('Traces', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('pulse');
  item.tooltip = plainTooltip(['The traces of this experiment, newest first.']);
  item.contextValue = 'mlflow.traces';
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
