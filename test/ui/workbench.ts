// One real workbench for the UI tests: the packaged .vsix installed into a fresh code-server,
// opened on a workspace that holds only MLmodel files (so the extension activates but finds no
// store, and the welcome view shows). Screenshots go to .test-output/screenshots/ (git-ignored).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import {
  REPO_ROOT,
  installVsix,
  launchChromium,
  makeSandbox,
  removeSandbox,
  startCodeServer,
  type RunningCodeServer,
  type Sandbox,
} from '../harness/codeServer';

export const SHOTS = path.join(REPO_ROOT, '.test-output', 'screenshots');
const VSIX = path.join(REPO_ROOT, 'mlflow-vscode.vsix');

export interface Workbench {
  readonly page: Page;
  readonly dirs: Sandbox;
  shot(name: string): Promise<void>;
  /** Run a command from the palette by its visible title. */
  runCommand(title: string): Promise<void>;
  statusItem(text: string | RegExp): Locator;
  /** Right-click `target` and choose `item` from the context menu, retrying a click the menu missed. */
  contextMenu(target: Locator, item: string): Promise<void>;
  /** Switch the colour theme from the palette and wait until the workbench shows it. */
  useLightTheme(): Promise<void>;
  /** The content frame of the webview panel currently shown. */
  webview(): FrameLocator;
  close(): Promise<void>;
}

/**
 * Wait until the browser's storage holds a workspace-state entry of the extension (`key` in its
 * memento) that `accept` takes. VS Code's web workbench writes workspace state to IndexedDB a while
 * after the extension updates it, and a reload before then loses the update.
 */
export async function waitForStoredWorkspaceState(
  page: Page,
  key: string,
  accept: (value: unknown) => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await page.evaluate(async (k) => {
      const found: unknown[] = [];
      for (const { name } of await indexedDB.databases()) {
        if (name === undefined || !name.startsWith('vscode-web-state-db')) {
          continue;
        }
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => {
            resolve(req.result);
          };
          req.onerror = () => {
            reject(req.error ?? new Error(`cannot open ${name}`));
          };
        });
        try {
          for (const store of Array.from(db.objectStoreNames)) {
            const values = await new Promise<unknown[]>((resolve, reject) => {
              const req = db.transaction(store, 'readonly').objectStore(store).getAll();
              req.onsuccess = () => {
                resolve(req.result as unknown[]);
              };
              req.onerror = () => {
                reject(req.error ?? new Error(`cannot read ${store}`));
              };
            });
            for (const v of values) {
              if (typeof v === 'string' && v.includes(JSON.stringify(k))) {
                found.push((JSON.parse(v) as Record<string, unknown>)[k]);
              }
            }
          }
        } finally {
          db.close();
        }
      }
      return found;
    }, key);
    if (seen.some(accept)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the browser's storage never held ${key} as expected; it holds ${JSON.stringify(seen).slice(0, 300)}`,
      );
    }
    await page.waitForTimeout(200);
  }
}

/** Package the extension as users get it (vsce runs the production build first). */
export function packageVsix(): string {
  if (process.env.MLFLOW_VSIX) {
    return process.env.MLFLOW_VSIX;
  }
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  }
  // Every UI file in this mocha process installs the same package; build it once.
  process.env.MLFLOW_VSIX = VSIX;
  return VSIX;
}

/** The colour themes the UI tests take screenshots in: VS Code's default dark and light ones. */
/**
 * Make an `mlflow.db` in `<workspace>/<folder>/` (written by `write`) the workspace's tracking
 * store through its settings, and wait until the extension has connected to it.
 */
export async function useLocalStore(
  wb: Workbench,
  folder: string,
  write: (dbPath: string) => unknown,
): Promise<void> {
  const db = path.join(wb.dirs.workspace, folder, 'mlflow.db');
  fs.mkdirSync(path.dirname(db), { recursive: true });
  await write(db);
  fs.mkdirSync(path.join(wb.dirs.workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(wb.dirs.workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'mlflow.trackingUri': `sqlite:///${db}` }),
  );
  await wb.statusItem(/MLflow: (?!not connected)/).waitFor({ timeout: 60_000 });
}

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' } as const;

export interface WorkbenchOptions {
  /** The colour theme the workbench opens in (dark unless said). */
  readonly theme?: keyof typeof THEMES;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dirs = makeSandbox('ui', {
    'workbench.colorTheme': THEMES[options.theme ?? 'dark'],
    // the mlflow CLI stand-in (a test double replaying recorded MLflow answers) as the Python
    'mlflow.pythonPath': path.join(REPO_ROOT, 'test', 'support', 'cli', 'python'),
  });
  // A model folder, but no mlflow.db or mlruns: activation by workspaceContains:**/MLmodel.
  fs.cpSync(
    path.join(REPO_ROOT, 'demo', 'models', 'iris-logistic-regression'),
    path.join(dirs.workspace, 'iris-model'),
    { recursive: true },
  );
  // and a hand-edited MLmodel with mistakes, for the Problems panel
  fs.mkdirSync(path.join(dirs.workspace, 'zz-broken-model'));
  fs.writeFileSync(
    path.join(dirs.workspace, 'zz-broken-model', 'MLmodel'),
    'flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n    env: conda.yaml\n  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickel\nrun_id: cc8c8745b34f45ada9edf6334e96c203\n',
  );
  installVsix(dirs, packageVsix());
  let server: RunningCodeServer | undefined;
  let ctx: BrowserContext | undefined;
  try {
    server = await startCodeServer(dirs);
    ctx = await launchChromium(chromium, dirs);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    // A loaded machine (CI runs on 2 shared cores) can take well over playwright's default 30 s.
    await page.goto(server.folderUrl(dirs.workspace), { timeout: 120_000 });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris-model' })
      .waitFor({ timeout: 60_000 });
    const s = server;
    const c = ctx;
    const runCommand = async (title: string): Promise<void> => {
      const input = page.locator('.quick-input-widget input.input');
      // Click the row that starts with the title: Enter would take whatever fuzzy match is first.
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const row = page
        .locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(`^${escaped}`) })
        .first();
      // With the focus in a webview its keys reach the workbench late (forwarded by message): an
      // Escape meant for an earlier quick input once closed the palette just opened (a clean-clone
      // CI run waited 30 s on a hidden input). Open the palette again until the command is clicked.
      for (let attempt = 1; ; attempt++) {
        const last = attempt >= 4;
        try {
          await page.keyboard.press('Escape');
          await page.keyboard.press('F1');
          await input.waitFor({ timeout: 30_000 });
          await input.fill(`>${title}`, { timeout: last ? 30_000 : 5_000 });
          await row.waitFor({ timeout: last ? 30_000 : 15_000 });
          await row.click({ timeout: last ? 30_000 : 5_000 });
          return;
        } catch (e) {
          if (last) {
            throw e;
          }
        }
      }
    };
    return {
      page,
      dirs,
      shot: async (name) => {
        await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
      },
      runCommand,
      statusItem: (text) => page.locator('.part.statusbar .statusbar-item', { hasText: text }),
      contextMenu: async (target, item) => {
        // The whole label (an ellipsis may follow): "Compare Runs" must not pick "Compare Runs' Code".
        const label = new RegExp(`^${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}…?$`);
        const entry = page
          .locator('.context-view a.action-menu-item')
          .filter({ has: page.locator('.action-label', { hasText: label }) });
        // A menu is drawn whole when it opens and never changes while open. One without the entry
        // was opened on another element (a list row that moved under the pointer), or before the
        // entry's `when` could hold (CI twice got the MLmodel's menu without the extension's group,
        // three quick retries in a row; a context key set during startup, likely). So the menu is
        // closed and opened again until the entry is in it, for up to 20 s.
        const deadline = Date.now() + 20_000;
        for (;;) {
          await target.click({ button: 'right' });
          await page.locator('.context-view .monaco-menu').waitFor({ timeout: 20_000 });
          if ((await entry.count()) > 0 || Date.now() > deadline) {
            break;
          }
          await page.keyboard.press('Escape');
          await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: 20_000 });
          await page.waitForTimeout(250);
        }
        await entry.waitFor({ timeout: 20_000 });
        // A menu item takes a mouse click only once it has been shown for 100 ms (so that releasing
        // the right button that opened the menu picks nothing); a click sooner is dropped and the
        // menu stays open, which a fast machine did for every retry. The keyboard has no such delay:
        // point at the entry, wait until the menu has focused it, and press Enter.
        await entry.hover();
        const handle = await entry.elementHandle();
        await page.waitForFunction(
          (el) => {
            const root = el.getRootNode();
            return (root instanceof Document || root instanceof ShadowRoot) && root.activeElement === el;
          },
          handle,
          { timeout: 10_000 },
        );
        await page.keyboard.press('Enter');
        await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 10_000 });
      },
      useLightTheme: async () => {
        await runCommand('Preferences: Color Theme');
        await page.locator('.quick-input-widget input.input').fill('Light Modern');
        await page
          .locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' })
          .first()
          .click();
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
        // The picker previews the theme before the choice is saved, and a screenshot taken in between
        // once showed the dark workbench around a light webview: wait for the side bar to turn light.
        await page.waitForFunction(
          "(() => { const el = document.querySelector('.part.sidebar'); const rgb = el ? getComputedStyle(el).backgroundColor.match(/\\d+/g) : null; return rgb !== null && rgb.slice(0, 3).reduce((a, c) => a + Number(c), 0) > 600; })()",
          undefined,
          { timeout: 10_000 },
        );
        await page.locator('.monaco-workbench.vs').waitFor({ timeout: 10_000 });
      },
      webview: () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame'),
      close: async () => {
        await c.close().catch(() => undefined);
        await s.stop();
        removeSandbox(dirs);
      },
    };
  } catch (err) {
    await ctx?.close().catch(() => undefined);
    await server?.stop();
    throw err;
  }
}
