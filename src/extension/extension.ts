import * as vscode from 'vscode';
import type { MlflowExtensionApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { registerMlmodelLanguage } from './language/registerMlmodelLanguage';
import { registerMlprojectLanguage } from './language/registerMlprojectLanguage';
import { CliTaskRunner } from './process/cliTaskRunner';
import { ConnectionManager } from './connection/connectionManager';
import { StoreSession } from './connection/storeSession';
import { ConnectionSecrets } from './connection/connectionSecrets';
import { MicrosoftToken } from './connection/microsoftToken';
import { SavedConnections } from './connection/savedConnections';
import { userCredentials } from './connection/userCredentials';
import { serverInfo } from './serving/modelServer';
import { ServeManager } from './serving/serveManager';
import { clearMlflowCache } from './serving/findMlflow';
import { ServingTreeProvider } from './serving/servingTreeProvider';
import { registerTrustedCodeLenses } from './language/trustedCodeLenses';
import { mlmodelCodeLenses } from './serving/mlmodelCodeLens';
import { registerProjectRun } from './projects/registerProjectRun';
import { registerExplorer } from './explorer/registerExplorer';
import { registerCompare } from './compare/registerCompare';
import { registerScaffold } from './scaffold/registerScaffold';
import { VERSION_DOC_SCHEME, versionDocuments } from './compare/compareVersions';
import { forgetClosedResults, RESULT_DOC_SCHEME, resultDocuments } from './commands/resultDocuments';
import { ConnectionStatusBar } from './statusBar/connectionStatusBar';
import { TerminalEnvironment } from './terminal/terminalEnvironment';
import { CONNECTION_PANEL_VIEW_TYPE, ConnectionPanel } from './webviews/connectionPanel';
import { TryItPanel } from './webviews/tryItPanel';
import { openWebviewPanels } from './webviews/webviewHtml';

/**
 * Composition root. Everything created here is pushed onto `context.subscriptions` so that
 * deactivation disposes it exactly once. No network and no awaited I/O before returning: the
 * workspace search for a local store runs afterwards (budget: activate ≤ 50 ms, DESIGN.md).
 */
export function activate(context: vscode.ExtensionContext): MlflowExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('MLflow', { log: true });
  const connections = new ConnectionManager(log);
  context.subscriptions.push(
    log,
    connections,
    new ConnectionStatusBar(connections),
    new TerminalEnvironment(context.environmentVariableCollection, connections),
  );
  // Credentials the user typed live in SecretStorage only; Azure ML may use VS Code's Microsoft session.
  const secrets = new ConnectionSecrets(context.secrets);
  const microsoft = new MicrosoftToken();
  const saved = new SavedConnections(context.globalState);
  // The active connection's stores, opened on first use by the views and panels.
  const typed = userCredentials(secrets, microsoft);
  const stores = new StoreSession(connections, context.extensionPath, typed);
  context.subscriptions.push(stores, secrets, saved, secrets.onDidChange(() => { stores.reset(); }));
  const servers = new ServeManager(connections, log, typed);
  const servingTree = new ServingTreeProvider(servers);
  const servingView = vscode.window.createTreeView('mlflow.serving', { treeDataProvider: servingTree });
  servingTree.attach(servingView);
  stopServersOnExit = () => servers.stopAll();
  context.subscriptions.push(
    servers,
    servingTree,
    servingView,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlflow.pythonPath') || e.affectsConfiguration('python')) {
        clearMlflowCache();
      }
    }),
  );
  const runner = new CliTaskRunner();
  context.subscriptions.push(runner, registerTrustedCodeLenses({ language: 'mlmodel', scheme: 'file' }, mlmodelCodeLenses));
  registerCommands({ context, connections, stores, saved, secrets, microsoft, log, servers, runner });
  const explorer = registerExplorer(context, stores, log);
  const panels = registerCompare(context, stores, explorer, log);
  registerProjectRun(context, { connections, secrets: typed, explorer, log });
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(VERSION_DOC_SCHEME, versionDocuments),
    vscode.workspace.registerTextDocumentContentProvider(RESULT_DOC_SCHEME, resultDocuments),
    forgetClosedResults(),
  );
  registerMlmodelLanguage(context, log);
  registerMlprojectLanguage(context, log);
  const scaffold = registerScaffold(context, { runner, connections, log, secrets: typed });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CONNECTION_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => {
        ConnectionPanel.revive(panel, context.extensionUri, connections, log);
        return Promise.resolve();
      },
    }),
    { dispose: () => { ConnectionPanel.disposeCurrent(); TryItPanel.disposeAll(); } },
  );
  const discovered = connections.rediscover();
  const activationMs = performance.now() - started;
  log.info(`MLflow for VS Code ${String((context.extension.packageJSON as { version?: string }).version)} activated in ${activationMs.toFixed(1)} ms.`);
  return { connection: () => connections.state, stores: () => stores.stores(), explorer, panels, servers: () => servers.list().map(serverInfo), discovered, activationMs, lastLoggedModelUri: scaffold.lastLoggedModelUri, webviewPanels: openWebviewPanels };
}

/** Stops every model server, waiting for their process trees to end; set by activate. */
let stopServersOnExit: (() => Promise<void>) | undefined;

/**
 * Window close: VS Code awaits this before disposing context.subscriptions, so model servers get
 * their graceful SIGTERM and the SIGKILL fallback; the rest is owned by context.subscriptions.
 */
export async function deactivate(): Promise<void> {
  await stopServersOnExit?.();
}
