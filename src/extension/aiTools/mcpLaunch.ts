import * as path from 'node:path';

/** How VS Code starts the MLflow MCP server for the active connection. */
export interface McpLaunch {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * `node dist/mcp.js --tracking-uri <uri>` with the extension host's own runtime: in desktop VS
 * Code that is Electron, which runs as plain Node with ELECTRON_RUN_AS_NODE. Credentials go in the
 * environment only (the command line is visible to every process on the machine).
 */
export function mcpLaunch(options: {
  readonly extensionPath: string;
  readonly execPath: string;
  readonly trackingUri: string;
  readonly label: string;
  readonly credentialEnv: Readonly<Record<string, string>>;
}): McpLaunch {
  return {
    label: `MLflow (${options.label})`,
    command: options.execPath,
    args: [path.join(options.extensionPath, 'dist', 'mcp.js'), '--tracking-uri', options.trackingUri],
    env: { ELECTRON_RUN_AS_NODE: '1', ...options.credentialEnv },
  };
}
