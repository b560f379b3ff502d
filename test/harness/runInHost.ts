// Runs a mocha suite INSIDE code-server's Node extension host, with the real `vscode` API, the
// way @vscode/test-web does: the workbench's construction options get developmentOptions
// (extensions = this repo, extensionTestsPath = our runner), patched into the page before the
// workbench script reads them. When the runner settles, the workbench calls
// window.codeAutomationExit(code), which we expose from playwright. Results come back as JSON
// through $MLFLOW_INHOST_RESULTS (code-server's environment is inherited by the extension host).
//
// CLI: tsx test/harness/runInHost.ts [--suite suite|selftest|bench|untrusted] [--untrusted] [--workspace DIR] [--timeout-s 420]
// --untrusted turns workspace trust on and leaves the workspace untrusted (Restricted Mode).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import {
  REPO_ROOT,
  UNTRUSTED_SETTINGS,
  copyInto,
  launchChromium,
  makeSandbox,
  removeSandbox,
  startCodeServer,
  type RunningCodeServer,
} from './codeServer';

export interface InHostResults {
  readonly vscode: string;
  readonly passed: string[];
  readonly failed: { title: string; error: string }[];
  readonly pending: string[];
  readonly extra?: unknown;
}

export interface InHostOutcome {
  /** What the workbench reported: 0 when the runner resolved, 1 when it rejected. */
  readonly exitCode: number | 'timeout';
  readonly results: InHostResults | undefined;
}

export const DEMO_WORKSPACE = path.join(REPO_ROOT, 'demo');
const RUNNER = path.join(REPO_ROOT, 'out', 'test', 'inhost', 'index.js');

/** Open one workbench window whose extension host runs the suite; resolves when it has finished. */
export async function runSuiteInPage(
  server: RunningCodeServer,
  page: Page,
  folder: string,
  resultsFile: string,
  timeoutMs: number,
): Promise<InHostOutcome> {
  if (!fs.existsSync(RUNNER)) {
    throw new Error(`${RUNNER} is missing: run \`node esbuild.mjs --tests\` first`);
  }
  fs.rmSync(resultsFile, { force: true });
  // Passed as source text, not a function: tsx would wrap named functions in helpers that do not
  // exist in the page.
  await page.addInitScript(`(() => {
    const dev = ${JSON.stringify(REPO_ROOT)};
    const tests = ${JSON.stringify(RUNNER)};
    const patch = (el) => {
      const cfg = JSON.parse(el.getAttribute('data-settings') || '{}');
      const remote = (p) => ({ scheme: 'vscode-remote', authority: cfg.remoteAuthority, path: p });
      cfg.developmentOptions = Object.assign({}, cfg.developmentOptions, { extensions: [remote(dev)], extensionTestsPath: remote(tests) });
      el.setAttribute('data-settings', JSON.stringify(cfg));
    };
    new MutationObserver((_, obs) => {
      const el = document.getElementById('vscode-workbench-web-configuration');
      if (el) { obs.disconnect(); patch(el); }
    }).observe(document, { childList: true, subtree: true });
  })();`);
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    finish(code);
  });
  await page.goto(server.folderUrl(folder));
  let timer: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([
    done,
    new Promise<'timeout'>((r) => {
      timer = setTimeout(() => {
        r('timeout');
      }, timeoutMs);
    }),
  ]);
  // A pending timer would keep this process alive for the rest of the timeout.
  clearTimeout(timer);
  const results = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as InHostResults)
    : undefined;
  return { exitCode, results };
}

export interface RunInHostOptions {
  /** Folder under out/test/inhost holding the *.test.js files to run. */
  readonly suite: string;
  /** Folder copied into the sandbox as the opened workspace. */
  readonly workspace: string;
  readonly timeoutMs?: number;
  readonly shotsDir?: string;
  /** Run in Restricted Mode: workspace trust enabled and the workspace never trusted. */
  readonly untrusted?: boolean;
  /** More environment for code-server and so the extension host (e.g. what a suite must find). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Start code-server, run one suite in one window, stop everything. */
export async function runInHost(opts: RunInHostOptions): Promise<InHostOutcome> {
  const dirs = makeSandbox('inhost', opts.untrusted ? UNTRUSTED_SETTINGS : {});
  copyInto(opts.workspace, dirs.workspace);
  const resultsFile = path.join(dirs.root, 'results.json');
  const server = await startCodeServer(dirs, {
    env: {
      ...(opts.env ?? {}),
      MLFLOW_INHOST_RESULTS: resultsFile,
      MLFLOW_INHOST_SUITE: opts.suite,
      MLFLOW_INHOST_LOGS: path.join(dirs.userData, 'logs'),
    },
    workspaceTrust: opts.untrusted === true,
  });
  const ctx = await launchChromium(chromium, dirs);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const outcome = await runSuiteInPage(
      server,
      page,
      dirs.workspace,
      resultsFile,
      opts.timeoutMs ?? 420_000,
    );
    if (outcome.exitCode === 'timeout' && opts.shotsDir) {
      fs.mkdirSync(opts.shotsDir, { recursive: true });
      await page
        .screenshot({ path: path.join(opts.shotsDir, `inhost-${opts.suite}-timeout.png`) })
        .catch(() => undefined);
    }
    return outcome;
  } finally {
    await ctx.close().catch(() => undefined);
    await server.stop();
    removeSandbox(dirs);
  }
}

/** Print mocha-like lines and the plain summary; the exit status is non-zero on any failure. */
export function report(outcome: InHostOutcome, label: string): number {
  const r = outcome.results;
  if (!r) {
    console.log(`${label}: the in-host runner wrote no results (exit ${String(outcome.exitCode)})`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`${label}: VS Code ${r.vscode}, extension host exit code ${String(outcome.exitCode)}`);
  for (const t of r.passed) {
    console.log(`  ok   ${t}`);
  }
  for (const f of r.failed) {
    console.log(`  FAIL ${f.title}\n       ${f.error}`);
  }
  const failed = r.failed.length + (outcome.exitCode !== 0 && r.failed.length === 0 ? 1 : 0);
  console.log(`${String(r.passed.length)} passed, ${String(failed)} failed`);
  return failed === 0 && outcome.exitCode === 0 ? 0 : 1;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const opt = (name: string, def: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? def) : def;
  };
  const suite = opt('--suite', 'suite');
  runInHost({
    suite,
    workspace: path.resolve(opt('--workspace', DEMO_WORKSPACE)),
    timeoutMs: Number(opt('--timeout-s', '420')) * 1000,
    shotsDir: path.join(REPO_ROOT, '.test-output', 'screenshots'),
    untrusted: argv.includes('--untrusted'),
  })
    .then((outcome) => {
      process.exitCode = report(outcome, `in-host (${suite})`);
    })
    .catch((err: unknown) => {
      console.error('in-host harness error:', err instanceof Error ? err.message : err);
      console.log('0 passed, 1 failed');
      process.exitCode = 1;
    });
}
