/** What `node dist/mcp.js` was asked to do. */
export type McpArgs =
  | { readonly kind: 'serve'; readonly trackingUri: string; readonly allowWrites: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const MCP_USAGE = `Usage: node dist/mcp.js --tracking-uri URI [--allow-writes]

An MCP server (stdio) over one MLflow tracking store: a tracking server (http(s)://…),
a local mlflow.db (sqlite:///path/mlflow.db) or an mlruns folder (file:///path/mlruns).
  --tracking-uri URI   the store; default: the MLFLOW_TRACKING_URI environment variable
  --allow-writes       also offer set_model_alias and set_run_tag (tracking servers only)
Credentials come from the environment only (MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME
and MLFLOW_TRACKING_PASSWORD, or ~/.mlflow/credentials), never from the command line.`;

/** True for a URI that carries a user name or password (`https://user:pass@host`). */
function hasUserInfo(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(uri);
}

/** Read the command line; `env` supplies MLFLOW_TRACKING_URI when no --tracking-uri is given. */
export function parseMcpArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): McpArgs {
  let trackingUri: string | undefined;
  let allowWrites = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      return { kind: 'help' };
    } else if (arg === '--allow-writes') {
      allowWrites = true;
    } else if (arg === '--tracking-uri') {
      trackingUri = argv[++i];
    } else if (arg.startsWith('--tracking-uri=')) {
      trackingUri = arg.slice('--tracking-uri='.length);
    } else {
      return { kind: 'error', message: `Unknown argument: ${arg.slice(0, 100)}\n\n${MCP_USAGE}` };
    }
  }
  trackingUri ??= env.MLFLOW_TRACKING_URI;
  if (trackingUri === undefined || trackingUri.trim() === '') {
    return { kind: 'error', message: `No tracking URI.\n\n${MCP_USAGE}` };
  }
  if (hasUserInfo(trackingUri)) {
    // Command lines are visible to every user of the machine (ps) and end up in client configs.
    return {
      kind: 'error',
      message:
        'The tracking URI carries credentials; put them in MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN instead.',
    };
  }
  return { kind: 'serve', trackingUri: trackingUri.trim(), allowWrites };
}
