// The desktop launcher for the same in-host suite: @vscode/test-electron downloads a desktop
// VS Code and runs out/test/inhost/index.js in its extension host. It needs
// update.code.visualstudio.com, which machines without internet (such as our CI) cannot reach;
// there, test/harness/runInHost.ts runs the very same suite in code-server instead.
//
// CLI: tsx test/harness/runInHostElectron.ts [--suite suite] [--version 1.103.2]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './codeServer';
import { DEMO_WORKSPACE, report } from './runInHost';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const opt = (name: string, def: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? def) : def;
  };
  const suite = opt('--suite', 'suite');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-vscode-electron-'));
  const workspace = path.join(root, 'workspace');
  fs.cpSync(DEMO_WORKSPACE, workspace, { recursive: true });
  const resultsFile = path.join(root, 'results.json');
  let exitCode: number;
  try {
    exitCode = await runTests({
      version: opt('--version', '1.103.2'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'inhost', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--user-data-dir',
        path.join(root, 'user-data'),
      ],
      extensionTestsEnv: { MLFLOW_INHOST_RESULTS: resultsFile, MLFLOW_INHOST_SUITE: suite },
    });
  } catch (err) {
    console.error(`@vscode/test-electron could not run: ${err instanceof Error ? err.message : String(err)}`);
    exitCode = 1;
  }
  const results = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Parameters<typeof report>[0]['results'])
    : undefined;
  fs.rmSync(root, { recursive: true, force: true });
  return report({ exitCode, results }, `in-host electron (${suite})`);
}

void main().then((code) => {
  process.exitCode = code;
});
