// Three bundles (DESIGN.md): dist/extension.js for the Node extension host (cjs, `vscode` external),
// dist/mcp.js (the stdio MCP server over src/core) and dist/webview/<panel>.js for the browser. `--production` minifies and drops source maps;
// `--watch` rebuilds on change; `--tests` also compiles the in-host test suite to out/test.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Webview panels: one entry per folder under webview/ that has a main.ts. */
const panels = fs
  .readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join('webview', d.name, 'main.ts')))
  .map((d) => d.name);

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // sql.js loads its .wasm at run time from next to the bundle
    loader: { '.wasm': 'file' },
  },
  {
    // The MCP server (stdio) over src/core: its own bundle, since the extension does not need the SDK.
    ...common,
    entryPoints: ['src/mcp/main.ts'],
    outfile: 'dist/mcp.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.wasm': 'file' },
    define: {
      MLFLOW_MCP_VERSION: JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version),
    },
  },
  {
    ...common,
    entryPoints: Object.fromEntries(panels.map((p) => [p, `webview/${p}/main.ts`])),
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    tsconfig: 'webview/tsconfig.json',
  },
];

if (args.has('--tests')) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (p.endsWith('.ts')) {
        files.push(p);
      }
    }
  };
  walk('test/inhost');
  // One bundle per test file (mocha loads them one by one); `vscode` and `mocha` stay external
  // so they resolve inside the extension host to the real API and the project's mocha.
  builds.push({
    entryPoints: files,
    outbase: 'test',
    outdir: 'out/test',
    bundle: true,
    external: ['vscode', 'mocha'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

function copyStatic() {
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join('node_modules/@vscode/codicons/dist', f), path.join('dist/webview', f));
  }
  // The SQLite store runs sql.js, whose WebAssembly the bundle cannot inline; it sits beside it.
  fs.copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
}

if (!watch) {
  fs.rmSync('dist', { recursive: true, force: true });
  if (args.has('--tests')) {
    fs.rmSync('out', { recursive: true, force: true });
  }
}
copyStatic();
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const size = (f) => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  console.log(
    `esbuild: dist/extension.js ${size('dist/extension.js')}; dist/mcp.js ${size('dist/mcp.js')}; webview: ${panels.map((p) => `${p}.js ${size(`dist/webview/${p}.js`)}`).join(', ')}${production ? ' (production)' : ''}`,
  );
}
