import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { childConnectionEnv, type ConnectionManager, type SecretCredentials } from '../connection';
import { mcpLaunch, type McpLaunch } from './mcpLaunch';

/** The id package.json declares under `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'mlflow.mcpServer';

/** VS Code 1.101's stdio server definition, declared here: @types/vscode stays at the engine (1.100). */
interface StdioDefinition {
  readonly label: string;
  env: Record<string, string | number | null>;
}
type StdioDefinitionCtor = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => StdioDefinition;
interface DefinitionProvider {
  readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<StdioDefinition[]>;
  resolveMcpServerDefinition?(
    server: StdioDefinition,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<StdioDefinition>;
}
type RegisterProvider = (id: string, provider: DefinitionProvider) => vscode.Disposable;

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
 * Offer dist/mcp.js to VS Code's MCP support (1.101+) for the active connection, so agent mode
 * and any MCP-aware feature can use it. The definition follows the connection; credentials are
 * added only when VS Code starts the server (`resolveMcpServerDefinition`), in its environment.
 * On an older VS Code the API is missing, or is a proposal this extension may not use: a no-op.
 */
export function registerMcpServerProvider(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  secrets: SecretCredentials,
): McpProviderState {
  const lm = vscode.lm as unknown as { registerMcpServerDefinitionProvider?: RegisterProvider };
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinitionCtor })
    .McpStdioServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || Definition === undefined) {
    return {
      registered: false,
      reason: 'this VS Code has no MCP server definition API (it needs 1.101 or later)',
    };
  }
  const changed = new vscode.EventEmitter<void>();
  /** The launch for the active connection; with credentials only when VS Code is about to start it. */
  const launchFor = async (withCredentials: boolean): Promise<StdioDefinition | undefined> => {
    const launch = await activeMcpLaunch(context.extensionPath, connections, secrets, withCredentials);
    return launch && new Definition(launch.label, launch.command, [...launch.args], { ...launch.env });
  };
  const provider: DefinitionProvider = {
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
      lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    );
    return { registered: true };
  } catch (err) {
    // VS Code 1.100 has the function behind the `mcpConfigurationProvider` proposal and throws.
    return { registered: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
