import * as vscode from 'vscode';

/**
 * A tooltip built from plain-text lines. `appendText` escapes Markdown, and the string is neither
 * trusted nor allowed HTML, so a run named `<img onerror=…>` or `[x](command:…)` stays text.
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
