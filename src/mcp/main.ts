// Entry point of dist/mcp.js: `node dist/mcp.js --tracking-uri URI` serves the MLflow tools and
// mlflow:// resources over stdio to any MCP client. Built from src/core only (no vscode).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseTrackingUri } from '../core/connection/trackingUri';
import { openStores, type OpenStoresOptions } from '../core/stores/openStores';
import { openTraceStore } from '../core/stores/openTraceStore';
import type { ToolStores } from '../core/tools';
import type { TraceStore } from '../core/traces/traceStore';
import { resolveCredentials } from '../core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../core/tracking/rest/loadCredentialsFile';
import { tlsOptionsFromEnv } from '../core/tracking/rest/tlsOptionsFromEnv';
import { MCP_USAGE, parseMcpArgs } from './mcpArgs';
import { createMlflowMcpServer } from './mcpServer';

/** Set by esbuild from package.json; absent when run from source. */
declare const MLFLOW_MCP_VERSION: string | undefined;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** How stores open here: credentials and TLS from the environment, sql.js beside the bundle. */
async function storeOptions(): Promise<OpenStoresOptions> {
  const file = await loadCredentialsFile(os.homedir());
  const wasm = path.join(__dirname, 'sql-wasm.wasm');
  return {
    // MLflow's client sends X-MLFLOW-WORKSPACE from MLFLOW_WORKSPACE (3.10+ servers with workspaces).
    workspace: nonEmpty(process.env.MLFLOW_WORKSPACE),
    rest: {
      workspace: nonEmpty(process.env.MLFLOW_WORKSPACE),
      // Read per request, as MLflow does, so a rotated token in the environment applies at once.
      credentials: () => resolveCredentials(process.env, file),
      tls: tlsOptionsFromEnv(process.env, (p) => fs.readFileSync(p)),
    },
    sqlJs: fs.existsSync(wasm) ? { locateFile: (f) => path.join(__dirname, f) } : undefined,
    databricks: { env: process.env, homeDir: os.homedir() },
  };
}

async function main(): Promise<number> {
  const args = parseMcpArgs(process.argv.slice(2), process.env);
  if (args.kind !== 'serve') {
    // stdout is the protocol channel: everything for people goes to stderr.
    process.stderr.write(`${args.kind === 'help' ? MCP_USAGE : args.message}\n`);
    return args.kind === 'help' ? 0 : 2;
  }
  const parsed = parseTrackingUri(args.trackingUri, process.cwd());
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const options = await storeOptions();
  const stores = await openStores(parsed.target, options);
  let traces: Promise<TraceStore> | undefined;
  const toolStores: ToolStores = {
    tracking: stores.tracking,
    registry: stores.registry,
    traces: () => (traces ??= openTraceStore(parsed.target, options)),
    trackingWriter: stores.rest?.tracking,
    registryWriter: stores.rest?.registry,
  };
  const version = typeof MLFLOW_MCP_VERSION === 'string' ? MLFLOW_MCP_VERSION : '0.0.0-dev';
  const mcp = createMlflowMcpServer(toolStores, { version, allowWrites: args.allowWrites });
  const transport = new StdioServerTransport();
  transport.onclose = () => {
    stores.dispose();
    void traces?.then((t) => {
      t.dispose();
    });
  };
  await mcp.connect(transport);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) {
      process.exitCode = code;
    }
  },
  (err: unknown) => {
    process.stderr.write(`mlflow mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
