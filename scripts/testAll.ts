// `npm test`: every tier, in order, and one plain closing line "N passed, N failed".
//   checks  - type-check, lint (the layer rule lives there), contribution check  (a failure counts 1)
//   unit    - mocha in plain Node over src/core, src/protocol and the scripts
//   in-host - mocha inside code-server's real extension host (test/harness/runInHost.ts)
//   untrusted - a second in-host suite in a workspace left untrusted (Restricted Mode)
//   ui      - playwright-core + Debian Chromium against code-server with the packaged .vsix
//   real    - where real MLflow venvs exist (~/lab/venv-*, MLFLOW_REAL_PYTHON): per version a real
//             tracking server, filled by the real client, and the in-host suite test/inhost/real/
//             (browse, serve, Try it, predict, restart, stop, Log Model, Run Project, deploy); where
//             none exists, its skip reason is printed in the summary and nothing is counted
// A tier that crashes without reporting counts as one failure, so nothing fails silently.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface Tally {
  passed: number;
  failed: number;
}

function run(label: string, cmd: string, args: string[]): { status: number; out: string } {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}${r.stderr}`;
  process.stdout.write(out);
  return { status: r.status ?? 1, out };
}

function mochaCounts(out: string): Tally | undefined {
  const passing = /(\d+) passing/.exec(out);
  if (!passing) {
    return undefined;
  }
  const failing = /(\d+) failing/.exec(out);
  return { passed: Number(passing[1]), failed: failing ? Number(failing[1]) : 0 };
}

function plainCounts(out: string): Tally | undefined {
  const all = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)];
  const last = all[all.length - 1];
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

const total: Tally = { passed: 0, failed: 0 };
const summary: string[] = [];

/** An opt-in tier that could not run says why in this line; it then counts neither as a pass nor a failure. */
const SKIPPED = /^(real-MLflow tier: skipped — .*)$/m;

function tier(label: string, cmd: string, args: string[], parse: (out: string) => Tally | undefined): void {
  const started = Date.now();
  const { status, out } = run(label, cmd, args);
  const skipped = SKIPPED.exec(out);
  if (skipped?.[1] !== undefined && status === 0) {
    summary.push(skipped[1]);
    return;
  }
  const counts = parse(out) ?? { passed: 0, failed: 0 };
  if (status !== 0 && counts.failed === 0) {
    counts.failed = 1;
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  summary.push(
    `${label.padEnd(9)} ${String(counts.passed).padStart(4)} passed, ${String(counts.failed).padStart(2)} failed  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

const noCounts = (): Tally => ({ passed: 0, failed: 0 });
tier('checks', 'npm', ['run', '-s', 'check-types'], noCounts);
tier('lint', 'npm', ['run', '-s', 'lint'], noCounts);
tier('contrib', 'npm', ['run', '-s', 'check-contributions'], noCounts);
tier('build', 'node', ['esbuild.mjs', '--tests'], noCounts);
tier('unit', 'npx', ['mocha', '--config', '.mocharc.json'], mochaCounts);
tier('in-host', 'npx', ['tsx', 'test/harness/runInHost.ts'], plainCounts);
tier(
  'untrusted',
  'npx',
  ['tsx', 'test/harness/runInHost.ts', '--suite', 'untrusted', '--untrusted'],
  plainCounts,
);
tier('ui', 'npx', ['mocha', '--config', 'test/ui/.mocharc.json'], mochaCounts);
tier('real', 'npx', ['tsx', 'test/real/realMlflowTier.ts'], plainCounts);

console.log('\n=== summary');
for (const line of summary) {
  console.log(line);
}
console.log(`${String(total.passed)} passed, ${String(total.failed)} failed`);
process.exitCode = total.failed === 0 ? 0 : 1;
