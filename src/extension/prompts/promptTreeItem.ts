import * as vscode from 'vscode';
import { displayText } from '../../core/explorer/displayText';
import { formatTimestamp } from '../../core/explorer/runSummary';
import { promptUri } from '../../core/prompts/promptUri';
import { templateVariables } from '../../core/prompts/templateText';
import { versionDescription } from '../../core/prompts/versionDetails';
import { PROMPT_COMMANDS } from '../shared/commandIds/promptCommandIds';
import type { PromptNode, PromptNodeOf } from './promptNode';

/**
 * A tooltip of plain-text lines: `appendText` escapes Markdown and the string is neither trusted
 * nor allowed HTML, so a template holding `[x](command:…)` or `<img>` stays text.
 */
export function plainTooltip(lines: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  lines.forEach((line, i) => {
    if (i > 0) {
      md.appendMarkdown('\n\n');
    }
    md.appendText(line);
  });
  return md;
}

/** The row of a Prompts view node. */
export function promptTreeItem(node: PromptNode): vscode.TreeItem {
  switch (node.kind) {
    case 'prompt':
      return promptItem(node);
    case 'promptVersion':
      return versionItem(node);
    case 'promptDetail': {
      const item = new vscode.TreeItem(node.detail.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.detail.value;
      item.tooltip = plainTooltip([node.detail.label, node.detail.value]);
      item.contextValue = 'mlflow.promptDetail';
      return item;
    }
    case 'promptMessage': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : 'info');
      item.tooltip = node.detail === '' ? undefined : plainTooltip([node.detail]);
      item.description = node.severity === 'error' ? displayText(node.detail, 120) : undefined;
      item.contextValue = `mlflow.promptMessage.${node.severity}`;
      return item;
    }
  }
}

function promptItem(node: PromptNodeOf<'prompt'>): vscode.TreeItem {
  const p = node.prompt;
  const item = new vscode.TreeItem(displayText(p.name, 120), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('symbol-string');
  item.description = p.aliases.map((a) => `@${displayText(a.alias, 40)}→v${a.version}`).join(' ');
  item.tooltip = plainTooltip([
    displayText(p.name, 300),
    p.description === undefined ? 'No description' : displayText(p.description, 1000),
    ...(p.latestVersion === undefined ? [] : [`Latest version: ${p.latestVersion}`]),
    ...p.tags.map((t) => `Tag: ${displayText(t.key, 100)} = ${displayText(t.value, 300)}`),
    ...(p.experimentIds.length === 0 ? [] : [`Experiments: ${p.experimentIds.join(', ')}`]),
    `Updated: ${formatTimestamp(p.lastUpdatedTimestamp)}`,
  ]);
  item.contextValue = 'mlflow.prompt';
  return item;
}

function versionItem(node: PromptNodeOf<'promptVersion'>): vscode.TreeItem {
  const v = node.version;
  const item = new vscode.TreeItem(`Version ${v.version}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = versionDescription(v);
  item.iconPath = new vscode.ThemeIcon(v.template.type === 'chat' ? 'comment-discussion' : 'note');
  const vars = templateVariables(v.template);
  item.tooltip = plainTooltip([
    `${displayText(v.name, 200)} version ${v.version} (${v.template.type})`,
    `URI: ${promptUri(v.name, { version: v.version })}`,
    ...v.aliases.map((a) => `Alias: @${displayText(a, 60)} (${promptUri(v.name, { alias: a })})`),
    `Commit message: ${v.commitMessage === undefined ? 'none' : displayText(v.commitMessage, 1000)}`,
    ...(vars.length === 0 ? [] : [`Variables: ${vars.join(', ')}`]),
    `Created: ${formatTimestamp(v.creationTimestamp)}`,
  ]);
  item.command = { command: PROMPT_COMMANDS.openTemplate, title: 'Open Template', arguments: [node] };
  item.contextValue = `mlflow.promptVersion${v.aliases.length > 0 ? '.aliased' : ''}`;
  return item;
}
