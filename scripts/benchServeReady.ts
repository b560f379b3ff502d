// Serve-ready against a real MLflow: the extension's Serve Locally vs the same `mlflow models
// serve` from a shell, same model, same run, measured by the real-MLflow tier (test/real/) in the
// real extension host for each venv of ../shared/real-mlflow/ (2.17.2 and 3.11.1 by default;
// MLFLOW_REAL_VERSIONS chooses). Where no venv exists the figure is absent and says why.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findVenvs, SERVE_READY_BUDGET, type VersionOutcome } from '../test/real/realMlflowTier';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_VERSIONS = '2.17.2,3.11.1';

export function serveReady(): Record<string, unknown> {
  const env = { ...process.env, MLFLOW_REAL_VERSIONS: process.env.MLFLOW_REAL_VERSIONS ?? DEFAULT_VERSIONS };
  const { venvs, reason } = findVenvs(env);
  if (venvs.length === 0) {
    return { skipped: reason };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-bench-serve-'));
  const out = path.join(tmp, 'outcome.json');
  try {
    const r = spawnSync('npx', ['tsx', 'test/real/realMlflowTier.ts'], {
      cwd: ROOT,
      env: { ...env, MLFLOW_REAL_OUT: out },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!fs.existsSync(out)) {
      throw new Error(
        `the real-MLflow tier wrote no outcome (exit ${String(r.status)}):\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-20).join('\n')}`,
      );
    }
    const outcomes = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, VersionOutcome>;
    const seconds = (ms: readonly number[]): number[] => ms.map((x) => Math.round(x / 100) / 10);
    const figures = Object.fromEntries(
      Object.entries(outcomes).map(([version, o]) => [
        version,
        {
          server: `real MLflow ${version}: the tier's iris model, --env-manager local, -w 1`,
          extensionSeconds: seconds(o.bench?.extensionMs ?? []),
          shellSeconds: seconds(o.bench?.shellMs ?? []),
          ratioBestOfEach: o.ratio === undefined ? null : Math.round(o.ratio * 100) / 100,
          tierPassed: o.passed,
          tierFailed: o.failed,
        },
      ]),
    );
    const ratios = Object.values(outcomes).map((o) => o.ratio ?? Infinity);
    return {
      ...figures,
      budgetRatio: SERVE_READY_BUDGET,
      withinBudget: ratios.every((x) => x <= SERVE_READY_BUDGET),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
