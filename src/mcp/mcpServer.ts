import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolStores } from '../core/tools';
import { serveResources } from './mcpResources';
import { serveTools } from './mcpTools';

/** What the server says about itself in `initialize`. */
export const MCP_SERVER_NAME = 'mlflow';

/** An MCP server over one connection's stores: the MLflow tools and `mlflow://` resources. */
export function createMlflowMcpServer(
  stores: ToolStores,
  options: { readonly version: string; readonly allowWrites: boolean },
): McpServer {
  const mcp = new McpServer(
    { name: MCP_SERVER_NAME, version: options.version },
    {
      instructions:
        'Read MLflow experiments, runs, metrics, registered models and traces of one tracking store. ' +
        'Start with search_experiments, then search_runs with MLflow filters; answers are bounded JSON or text.',
    },
  );
  serveTools(mcp, stores, options.allowWrites);
  serveResources(mcp, stores);
  return mcp;
}
