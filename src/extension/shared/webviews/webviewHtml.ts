import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce per render: the only way a script may run in our webviews. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Options every panel uses: scripts on, and only our own build output and media readable.
 * Command URIs stay off (`enableCommandUris` defaults to false) so data can never trigger commands.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * The page shell for a panel. CSP `default-src 'none'`: the script runs only by nonce, styles come
 * from our own files (plus the inline styles web components set, which cannot carry script), images
 * only from our roots and data: URIs (chart exports). Nothing from a server is ever put in this
 * HTML: panel data arrives later as messages and is written with textContent.
 */
export function renderWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  opts: { readonly script: string; readonly title: string },
): string {
  const nonce = makeNonce();
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${opts.script}.js`));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css'));
  const codiconUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'codicon.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<link rel="stylesheet" href="${codiconUri.toString()}" id="vscode-codicon-stylesheet">
<title>${escapeHtml(opts.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
