import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { childConnectionEnv, type ConnectionManager, type SecretCredentials } from '../connection';
import { mcpLaunch, type McpLaunch } from './mcpLaunch';

/** The id package.json declares under `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'mlflow.mcpServer';

/** Whether VS Code took the provider, and if not, why (for the log and the tests). */
export type McpProviderState =
  { readonly registered: true } | { readonly registered: false; readonly reason: string };

/**
 * How to start dist/mcp.js for the active connection, or undefined without one; with the
 * connection's credentials in the environment only when `withCredentials` (VS Code is about to
 * start it), so a listing of servers never carries them.
 */
export async function activeMcpLaunch(
  extensionPath: string,
  connections: ConnectionManager,
  secrets: SecretCredentials,
  withCredentials: boolean,
): Promise<McpLaunch | undefined> {
  const env = await childConnectionEnv(connections, secrets);
  if (env.trackingUri === undefined) {
    return undefined;
  }
  return mcpLaunch({
    extensionPath,
    execPath: process.execPath,
    trackingUri: env.trackingUri,
    label: redactUri(env.trackingUri),
    credentialEnv: withCredentials ? env.credentialEnv : {},
  });
}

/**
 * Offer dist/mcp.js to VS Code's MCP support (1.101+, the engine) for the active connection, so
 * agent mode and any MCP-aware feature can use it. The definition follows the connection;
 * credentials are added only when VS Code starts the server (`resolveMcpServerDefinition`), in its
 * environment, so a listing of servers never carries them.
 */
export function registerMcpServerProvider(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  secrets: SecretCredentials,
): McpProviderState {
  const changed = new vscode.EventEmitter<void>();
  const launchFor = async (
    withCredentials: boolean,
  ): Promise<vscode.McpStdioServerDefinition | undefined> => {
    const launch = await activeMcpLaunch(context.extensionPath, connections, secrets, withCredentials);
    return (
      launch &&
      new vscode.McpStdioServerDefinition(launch.label, launch.command, [...launch.args], { ...launch.env })
    );
  };
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: async () => {
      const definition = await launchFor(false);
      return definition === undefined ? [] : [definition];
    },
    resolveMcpServerDefinition: () => launchFor(true),
  };
  try {
    context.subscriptions.push(
      changed,
      connections.onDidChange(() => {
        changed.fire();
      }),
      vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    );
    return { registered: true };
  } catch (err) {
    // A host that disabled MCP (policy) may refuse; the tools and dist/mcp.js work without it.
    changed.dispose();
    return { registered: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
