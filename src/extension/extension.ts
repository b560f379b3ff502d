import * as vscode from 'vscode';
import { reportedCommandIds } from './shared/errors/withErrorReport';
import type { MlflowExtensionApi } from './api';
import { registerConnectionCommands } from './connection';
import { registerServingCommands } from './serving';
import { registerHelp } from './help';
import { registerMlmodelLanguage } from './language';
import { registerMlprojectLanguage } from './language';
import { CliTaskRunner } from './shared/process/cliTaskRunner';
import { ConnectionManager } from './connection';
import { StoreSession } from './connection';
import { ConnectionSecrets } from './connection';
import { MicrosoftToken } from './connection';
import { SavedConnections } from './connection';
import { userCredentials } from './connection';
import { serverInfo } from './serving';
import { ServeManager } from './serving';
import { clearMlflowCache } from './shared/python/findMlflow';
import { ServingTreeProvider } from './serving';
import { registerTrustedCodeLenses } from './shared/trustedCodeLenses';
import { mlmodelCodeLenses } from './serving';
import { registerProjectRun } from './projects';
import { registerExplorer } from './explorer';
import { registerCompare } from './compare';
import { registerScaffold } from './scaffold';
import { registerTraces } from './traces';
import { registerEvaluation } from './evaluation';
import { registerPrompts } from './prompts';
import { registerCode } from './code';
import { registerAiTools } from './aiTools';
import { registerRunsTable } from './runsTable';
import { VERSION_DOC_SCHEME, versionDocuments } from './compare';
import { forgetClosedResults, RESULT_DOC_SCHEME, resultDocuments } from './shared/resultDocuments';
import { ConnectionStatusBar } from './connection';
import { ConnectionWorkspaces } from './connection';
import { childConnectionEnv } from './connection';
import { TerminalEnvironment } from './connection';
import { panelProbe } from './shared/webviews/panelProbe';
import { openWebviewPanels } from './shared/webviews/webviewHtml';

/**
 * Composition root. Everything created here is pushed onto `context.subscriptions` so that
 * deactivation disposes it exactly once. No network and no awaited I/O before returning: the
 * workspace search for a local store runs afterwards (budget: activate ≤ 50 ms, DESIGN.md).
 */
export function activate(context: vscode.ExtensionContext): MlflowExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('MLflow', { log: true });
  const connections = new ConnectionManager(log);
  // The MLflow workspace chosen per connection (3.10+ servers with --enable-workspaces).
  const workspaces = new ConnectionWorkspaces(context.globalState);
  const terminalEnvironment = new TerminalEnvironment(context.environmentVariableCollection, connections);
  context.subscriptions.push(
    log,
    connections,
    workspaces,
    new ConnectionStatusBar(connections, workspaces),
    terminalEnvironment,
  );
  // Credentials the user typed live in SecretStorage only; Azure ML may use VS Code's Microsoft session.
  // A keychain that fails (no keyring) is said once; credentials are then kept for the session.
  const secrets = new ConnectionSecrets(context.secrets, (message) => {
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  });
  const microsoft = new MicrosoftToken();
  const saved = new SavedConnections(context.globalState);
  // The active connection's stores, opened on first use by the views and panels.
  const typed = userCredentials(secrets, microsoft);
  const stores = new StoreSession(connections, context.extensionPath, typed, workspaces);
  connections.provideChildEnv(() => stores.childWorkspaceEnv());
  // Reopened stores may mean another workspace: new terminals get its MLFLOW_WORKSPACE.
  context.subscriptions.push(
    stores.onDidChange(() => {
      terminalEnvironment.refresh();
    }),
  );
  terminalEnvironment.refresh();
  context.subscriptions.push(
    stores,
    secrets,
    saved,
    secrets.onDidChange(() => {
      stores.reset();
    }),
  );
  const servers = startServing(context, connections, log, typed);
  const runner = new CliTaskRunner();
  context.subscriptions.push(
    runner,
    registerTrustedCodeLenses({ language: 'mlmodel', scheme: 'file' }, mlmodelCodeLenses),
  );
  registerConnectionCommands({ context, connections, stores, saved, secrets, microsoft, log, workspaces });
  registerServingCommands({ context, connections, stores, secrets: typed, log, servers, runner });
  registerHelp(context, log);
  const explorer = registerExplorer(context, stores, log);
  const panels = registerCompare(context, stores, explorer, log);
  registerTraces(context, stores, log);
  const evaluations = registerEvaluation(context, stores, log);
  const runsTables = registerRunsTable(context, stores, log);
  const prompts = registerPrompts(context, stores, log);
  const code = registerCode(context, stores, explorer, log);
  const aiTools = registerAiTools(context, { stores, connections, secrets: typed }, log);
  registerProjectRun(context, { connections, secrets: typed, explorer, log });
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(VERSION_DOC_SCHEME, versionDocuments),
    vscode.workspace.registerTextDocumentContentProvider(RESULT_DOC_SCHEME, resultDocuments),
    forgetClosedResults(),
  );
  registerMlmodelLanguage(context, log);
  registerMlprojectLanguage(context, log);
  const scaffold = registerScaffold(context, { runner, connections, log, secrets: typed });
  const discovered = connections.rediscover();
  const activationMs = performance.now() - started;
  log.info(
    `MLflow for VS Code ${String((context.extension.packageJSON as { version?: string }).version)} activated in ${activationMs.toFixed(1)} ms.`,
  );
  return {
    connection: () => connections.state,
    stores: () => stores.stores(),
    childEnvironment: () => childConnectionEnv(connections, typed),
    explorer,
    prompts,
    panels,
    evaluations,
    code,
    runsTables,
    servers: () => servers.list().map(serverInfo),
    discovered,
    activationMs,
    lastLoggedModelUri: scaffold.lastLoggedModelUri,
    reportedCommands: reportedCommandIds,
    webviewPanels: openWebviewPanels,
    panelProbe,
    aiTools,
  };
}

/** The model servers and their Serving view; a changed Python setting forgets the MLflow found. */
function startServing(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  log: vscode.LogOutputChannel,
  typed: ReturnType<typeof userCredentials>,
): ServeManager {
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
  return servers;
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
