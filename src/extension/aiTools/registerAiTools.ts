import * as vscode from 'vscode';
import { MLFLOW_TOOLS } from '../../core/tools';
import type { ConnectionManager, SecretCredentials, StoreSession } from '../connection';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { MlflowLanguageModelTool } from './mlflowLanguageModelTool';
import type { McpLaunch } from './mcpLaunch';
import { activeMcpLaunch, registerMcpServerProvider, type McpProviderState } from './mcpServerProvider';

/** What the AI features registered (what in-host tests look at). */
export interface AiTools {
  /** The language model tools by name (tests call prepareInvocation on them). */
  readonly tools: ReadonlyMap<string, MlflowLanguageModelTool>;
  /** Whether VS Code took the MCP server definition provider, and why not. */
  readonly mcpProvider: McpProviderState;
  /** What the provider hands VS Code when it starts the server (credentials included). */
  readonly mcpLaunch: () => Promise<McpLaunch | undefined>;
}

/** What the AI features need from the connection feature. */
export interface AiToolsDeps {
  readonly stores: StoreSession;
  readonly connections: ConnectionManager;
  readonly secrets: SecretCredentials;
}

/**
 * Register every MLflow tool (src/core/tools) as a language model tool over the active connection,
 * so the editor's chat can search experiments and runs, compare them and read traces. Names and
 * schemas are declared in package.json (`contributes.languageModelTools`); a unit test keeps the
 * two equal. A host without the API (older than 1.95) gets none, and says so in the log.
 */
export function registerAiTools(
  context: vscode.ExtensionContext,
  deps: AiToolsDeps,
  log: vscode.LogOutputChannel,
): AiTools {
  const mcpProvider = registerMcpServerProvider(context, deps.connections, deps.secrets);
  if (!mcpProvider.registered) {
    log.info(
      `The MLflow MCP server is not offered to VS Code: ${mcpProvider.reason}. node dist/mcp.js still runs from any MCP client.`,
    );
  }
  const mcpLaunch = (): Promise<McpLaunch | undefined> =>
    activeMcpLaunch(context.extensionPath, deps.connections, deps.secrets, true);
  const tools = new Map<string, MlflowLanguageModelTool>();
  if (typeof (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerTool !== 'function') {
    log.info('This VS Code has no language model tools API; the MLflow chat tools are off.');
    return { tools, mcpProvider, mcpLaunch };
  }
  const afterWrite = (): void => {
    // An alias or tag changed on the server: the views re-read it.
    void vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshModels);
    void vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshExperiments);
  };
  for (const tool of MLFLOW_TOOLS) {
    const lmTool = new MlflowLanguageModelTool(tool, deps.stores, afterWrite);
    tools.set(tool.name, lmTool);
    context.subscriptions.push(vscode.lm.registerTool(tool.name, lmTool));
  }
  return { tools, mcpProvider, mcpLaunch };
}
