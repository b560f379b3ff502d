import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { MLFLOW_TOOLS, toolErrorText, toolNamed, type MlflowTool, type ToolStores } from '../core/tools';

/** A core tool as MCP lists it: the same name, description and JSON Schema as the editor's. */
function toolEntry(tool: MlflowTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: {
      type: 'object',
      properties: tool.inputSchema.properties,
      required: tool.inputSchema.required === undefined ? undefined : [...tool.inputSchema.required],
    },
    annotations: {
      title: tool.title,
      readOnlyHint: !tool.writes,
      destructiveHint: tool.writes,
      idempotentHint: true,
      openWorldHint: false,
    },
  };
}

/**
 * Answer `tools/list` and `tools/call` from the core tools. The write tools are listed only when
 * the server was started with them allowed: an MCP client's own confirmation is not ours to rely
 * on. A failing call is a tool result with `isError` and a bounded message, which the model reads.
 */
export function serveTools(mcp: McpServer, stores: ToolStores, allowWrites: boolean): void {
  // The low-level handlers, not McpServer.registerTool: the tools' schemas are JSON Schema already
  // (the same ones package.json declares for the editor), not zod.
  const server = mcp.server;
  const offered = MLFLOW_TOOLS.filter((t) => allowWrites || !t.writes);
  server.registerCapabilities({ tools: {} });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: offered.map(toolEntry) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const tool = toolNamed(name);
    if (tool === undefined || !offered.includes(tool)) {
      const why = tool?.writes === true ? ' (a write tool: start the server with --allow-writes)' : '';
      return {
        isError: true,
        content: [{ type: 'text', text: `Unknown tool${why}: ${name.slice(0, 100)}` }],
      };
    }
    try {
      const text = await tool.run(request.params.arguments ?? {}, { stores, signal: extra.signal });
      return { content: [{ type: 'text', text }] };
    } catch (err) {
      return { isError: true, content: [{ type: 'text', text: toolErrorText(tool.name, err) }] };
    }
  });
}
