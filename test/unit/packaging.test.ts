import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** What may ship in the .vsix: the bundles, static assets, the manifest and the docs. */
const ALLOWED = [
  /^dist\/extension\.js$/,
  // The MCP server the extension offers to VS Code (and users run from any MCP client).
  /^dist\/mcp\.js$/,
  /^dist\/webview\/[\w-]+\.js$/,
  /^dist\/webview\/codicon\.(css|ttf)$/,
  /^dist\/[\w-]+\.wasm$/,
  /^media\/[\w.-]+$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^schemas\/[\w.-]+\.json$/,
  /^(package\.json|package\.nls\.json|language-configuration\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
];

describe('the .vsix file list (vsce ls)', function () {
  this.timeout(60_000);

  it('holds only what the extension needs at run time', () => {
    const r = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], 'no sources, tests, fixtures, demo data or tools in the package');
    for (const required of [
      'package.json',
      'package.nls.json',
      'media/mlflow.svg',
      'syntaxes/mlmodel.tmLanguage.json',
      'LICENSE',
      'dist/mcp.js',
    ]) {
      assert.ok(files.includes(required), `${required} is packaged`);
    }
    assert.ok(files.length < 40, `${String(files.length)} files`);
  });
});
