import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PANEL_KINDS, type PanelKind } from '../../../protocol/panelKinds';

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
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** A panel the extension shows, with its kind, while it is open. */
export interface OpenWebviewPanel {
  readonly kind: PanelKind;
  readonly panel: vscode.WebviewPanel;
}

const openPanels = new Set<OpenWebviewPanel>();

/** Every webview panel open right now, created or revived through this host. */
export function openWebviewPanels(): readonly OpenWebviewPanel[] {
  return [...openPanels];
}

/**
 * The one place a webview panel is created: a panel of a known kind, with the shared options.
 * `title` is the tab's title (VS Code chrome, never part of the HTML).
 */
export function createPanel(kind: PanelKind, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    PANEL_KINDS[kind].viewType,
    title,
    vscode.ViewColumn.Active,
    webviewOptions(extensionUri),
  );
}

/**
 * Give a created or revived panel its page: the shared options again (a revived panel keeps
 * whatever options it was saved with), our icon, the shell HTML of its kind, and an entry in
 * {@link openWebviewPanels} until it is closed.
 */
export function showPanelPage(kind: PanelKind, panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.webview.options = webviewOptions(extensionUri);
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mlflow.svg');
  panel.webview.html = renderWebviewHtml(panel.webview, extensionUri, kind);
  const entry: OpenWebviewPanel = { kind, panel };
  openPanels.add(entry);
  panel.onDidDispose(() => {
    openPanels.delete(entry);
  });
}

/**
 * The page shell for a panel. CSP `default-src 'none'`: the script runs only by nonce, styles come
 * from our own files (plus the inline styles web components set, which cannot carry script), images
 * only from our roots and data: URIs (chart exports). Nothing from a server is ever put in this
 * HTML: its only inputs are the panel kind's constants, a nonce and our own file URIs; panel data
 * arrives later as messages and is written with textContent.
 */
export function renderWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  kind: PanelKind,
): string {
  const { script, pageTitle } = PANEL_KINDS[kind];
  const nonce = makeNonce();
  const scriptUri = webview.asWebviewUri(
    vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${script}.js`),
  );
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css'));
  const codiconUri = webview.asWebviewUri(
    vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'codicon.css'),
  );
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
<title>${pageTitle}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
