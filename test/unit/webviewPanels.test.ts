import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PANEL_KIND_NAMES, PANEL_KINDS } from '../../src/protocol/panelKinds';
import { auditWebviewHtml, type WebviewPage } from '../support/webview/auditWebviewHtml';

const ROOT = path.resolve(__dirname, '../..');
const HOST = 'src/extension/shared/webviews/webviewHtml.ts';

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

/** `file:line` of every match of `re` in src/. */
function sites(re: RegExp): string[] {
  return tsFiles('src').flatMap((f) =>
    fs
      .readFileSync(path.join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (re.test(line) ? [`${f}:${String(i + 1)}`] : [])),
  );
}
const fileOf = (site: string): string => site.replace(/:\d+$/, '');

describe('every webview panel goes through the one panel host and its registry of kinds', () => {
  it('creates panels, sets their options and writes their HTML only in the panel host', () => {
    const created = sites(/\.createWebviewPanel\(/);
    assert.equal(created.length, 1, `one vscode.window.createWebviewPanel call: ${created.join(', ')}`);
    assert.deepEqual(created.map(fileOf), [HOST]);
    for (const re of [/\.webview\.html\s*=/, /\.webview\.options\s*=/, /enableCommandUris/]) {
      const found = sites(re);
      assert.ok(found.length > 0, `${String(re)} is set somewhere`);
      assert.deepEqual(
        [...new Set(found.map(fileOf))],
        [HOST],
        `${String(re)} only in the host: ${found.join(', ')}`,
      );
    }
    // Webview views (sidebar webviews) and custom editors would be panels the registry does not know.
    assert.deepEqual(
      sites(/registerWebviewViewProvider|registerCustomEditorProvider|createWebviewTextEditorInset/),
      [],
    );
  });

  it('posts to, listens to, registers and restores panels only in the panel host', () => {
    const hostFiles = [
      'src/extension/shared/webviews/hostedPanel.ts',
      'src/extension/shared/webviews/panelHost.ts',
    ];
    for (const re of [
      /\.webview\.postMessage\(/,
      /\.onDidReceiveMessage\(/,
      /registerWebviewPanelSerializer\(/,
      /\b(createPanel|showPanelPage)\(/,
    ]) {
      const outside = sites(re).filter((s) => !hostFiles.includes(fileOf(s)) && fileOf(s) !== HOST);
      assert.deepEqual(outside, [], `${String(re)} outside the panel host`);
    }
  });

  it('knows one kind per webview bundle, and each kind has its bundle', () => {
    const bundles = fs
      .readdirSync(path.join(ROOT, 'webview'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'webview', d.name, 'main.ts')))
      .map((d) => d.name)
      .sort();
    assert.deepEqual(PANEL_KIND_NAMES.map((k) => PANEL_KINDS[k].script).sort(), bundles);
    const viewTypes = PANEL_KIND_NAMES.map((k) => PANEL_KINDS[k].viewType);
    assert.equal(new Set(viewTypes).size, viewTypes.length, 'view types are unique');
  });

  it('restores only panels of known kinds after a reload', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
    };
    const restored = pkg.activationEvents
      .filter((e) => e.startsWith('onWebviewPanel:'))
      .map((e) => e.slice('onWebviewPanel:'.length));
    assert.ok(restored.length > 0);
    const known = new Set<string>(PANEL_KIND_NAMES.map((k) => PANEL_KINDS[k].viewType));
    assert.deepEqual(
      restored.filter((v) => !known.has(v)),
      [],
    );
  });
});

describe('the webview HTML audit (each rule fires)', () => {
  const ROOTS = [
    'https://file+.vscode-resource.test/ext/dist/webview',
    'https://file+.vscode-resource.test/ext/media',
  ];
  const NONCE = 'abcdefghijklmnopqrstuvwx';
  const page = (over: {
    csp?: string;
    head?: string;
    body?: string;
    title?: string;
    script?: string;
  }): WebviewPage => ({
    html: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${over.csp ?? `default-src 'none'; script-src 'nonce-${NONCE}'; style-src https://csp.test 'unsafe-inline'; font-src https://csp.test; img-src https://csp.test data:`}">
<link rel="stylesheet" href="${ROOTS[1] ?? ''}/webview.css">
${over.head ?? ''}<title>${over.title ?? 'MLflow Run Details'}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>${over.body ?? ''}
${over.script ?? `<script nonce="${NONCE}" src="${ROOTS[0] ?? ''}/runDetail.js"></script>`}
</body>
</html>`,
    cspSource: 'https://csp.test',
    roots: ROOTS,
    pageTitle: 'MLflow Run Details',
    data: ['5479c2e952464803bc764edb72ee0164', 'rf-100'],
  });

  it('passes the shell every panel uses', () => {
    assert.deepEqual(auditWebviewHtml(page({})), []);
  });

  const cases: Array<[string, Parameters<typeof page>[0], RegExp]> = [
    ['no policy', { csp: '' }, /default-src is not 'none'/],
    ['default-src open', { csp: `default-src *; script-src 'nonce-${NONCE}'` }, /default-src is not 'none'/],
    [
      'unsafe-inline scripts',
      { csp: `default-src 'none'; script-src 'nonce-${NONCE}' 'unsafe-inline'` },
      /script-src must be exactly one nonce/,
    ],
    ['unsafe-eval', { csp: `default-src 'none'; script-src 'nonce-${NONCE}' 'unsafe-eval'` }, /allows eval/],
    [
      'a script host',
      { csp: `default-src 'none'; script-src https://cdn.example` },
      /script-src must be exactly one nonce/,
    ],
    [
      'connect-src to a server',
      { csp: `default-src 'none'; script-src 'nonce-${NONCE}'; connect-src http://127.0.0.1:5000` },
      /connect-src allows/,
    ],
    [
      'a script without the nonce',
      { script: `<script src="${ROOTS[0] ?? ''}/x.js"></script>` },
      /without the policy's nonce/,
    ],
    [
      'an inline script',
      { script: `<script nonce="${NONCE}">acquireVsCodeApi()</script>` },
      /an inline script/,
    ],
    ['a command URI', { body: '<a href="command:workbench.action.quit">quit</a>' }, /command: URI/],
    ['an event handler', { body: '<img src="x" onerror="alert(1)">' }, /onerror/],
    [
      'a script from outside the roots',
      { script: `<script nonce="${NONCE}" src="https://cdn.example/x.js"></script>` },
      /outside the extension's dist\/webview and media/,
    ],
    ['a run name in the title', { title: 'Run rf-100' }, /data is inlined in the HTML: "rf-100"/],
    [
      'data in the body',
      { body: '<p>5479c2e952464803bc764edb72ee0164</p>' },
      /the page's text is not just its title/,
    ],
    [
      'data in an attribute',
      { head: '<meta name="run" content="5479c2e952464803bc764edb72ee0164">' },
      /data is inlined in the HTML/,
    ],
  ];
  for (const [what, over, problem] of cases) {
    it(`reports ${what}`, () => {
      const problems = auditWebviewHtml(page(over));
      assert.ok(
        problems.some((p) => problem.test(p)),
        problems.join('\n'),
      );
    });
  }
});
