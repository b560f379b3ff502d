// The mocha runner VS Code loads inside the extension host (extensionTestsPath). VS Code calls
// run(); a rejected promise makes the launcher exit non-zero. Which folder of *.test.js files
// runs comes from $MLFLOW_INHOST_SUITE ("suite" by default); results go to $MLFLOW_INHOST_RESULTS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const suite = process.env.MLFLOW_INHOST_SUITE ?? 'suite';
  const dir = path.join(__dirname, suite);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // While working on one feature, MLFLOW_INHOST_FILES=a,b runs only the files whose names contain
  // one of those words; CI leaves it unset and runs the whole folder.
  const only = (process.env.MLFLOW_INHOST_FILES ?? '').split(',').filter((w) => w !== '');
  const wanted = (n: string): boolean =>
    n.endsWith('.test.js') && (only.length === 0 || only.some((w) => n.includes(w)));
  for (const f of fs.readdirSync(dir).filter(wanted).sort()) {
    mocha.addFile(path.join(dir, f));
  }
  const results = {
    vscode: vscode.version,
    passed: [] as string[],
    failed: [] as { title: string; error: string }[],
    pending: [] as string[],
  };
  const out = process.env.MLFLOW_INHOST_RESULTS;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (out) {
        fs.writeFileSync(out, JSON.stringify(results, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${String(failures)} in-host test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (t) => results.passed.push(`${t.fullTitle()} (${String(t.duration ?? 0)} ms)`));
    runner.on('fail', (t, err: unknown) =>
      results.failed.push({ title: t.fullTitle(), error: err instanceof Error ? err.message : String(err) }),
    );
    runner.on('pending', (t) => results.pending.push(t.fullTitle()));
  });
}
