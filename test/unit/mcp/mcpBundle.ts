import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Build src/mcp/main.ts the way esbuild.mjs builds dist/mcp.js (node, cjs, sql.js's wasm beside
 * it) into a temporary folder, so the tests run the shipped shape without touching dist/.
 */
export async function buildMcpBundle(): Promise<{ file: string; dispose: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-mcp-'));
  const file = path.join(dir, 'mcp.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/mcp/main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.wasm': 'file' },
    define: { MLFLOW_MCP_VERSION: '"0.0.0-test"' },
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(ROOT, 'node_modules/sql.js/dist/sql-wasm.wasm'), path.join(dir, 'sql-wasm.wasm'));
  return {
    file,
    dispose: () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment the server process gets: no MLflow variables of this machine, plus `extra`. */
export function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-home-')),
  };
  return { ...env, ...extra };
}

/** An SDK client connected over stdio to `node <bundle> ...args`. */
export async function connectClient(
  bundle: string,
  args: readonly string[],
  env: Record<string, string> = serverEnv(),
): Promise<Client> {
  const client = new Client({ name: 'mlflow-vscode-tests', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bundle, ...args],
    env,
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

/** The text of a tool result's first content part. */
export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join('');
}

/** The text of a resource read's first content. */
export function resourceText(result: {
  contents: ReadonlyArray<{ uri: string } & ({ text: string } | { blob: string })>;
}): string {
  const first = result.contents[0];
  return first !== undefined && 'text' in first ? first.text : '';
}
