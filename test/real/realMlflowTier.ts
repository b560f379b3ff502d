// The opt-in real-MLflow tier: where a real `python -m mlflow` is installed, serve a recorded
// model folder with it (env manager local, 127.0.0.1, a free port), send the model's logged
// input example to /invocations and check the shape of the predictions. It proves that the argv
// the extension builds (buildServeCommand) is one the real CLI accepts and that the body Try it
// pre-fills is one the real scoring server answers.
//
// Where no Python with MLflow is found it prints "real-MLflow tier: skipped — <reason>", naming
// every interpreter it tried, and exits 0 without a pass/fail line: scripts/testAll.ts shows the
// reason in its summary and counts nothing, so a skip is never mistaken for a pass.
//
// CLI: tsx test/real/realMlflowTier.ts   (MLFLOW_REAL_PYTHON=/path/to/python picks the interpreter)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { buildVersionCommand, parseMlflowVersion } from '../../src/core/cli/mlflowVersion';
import { buildServeCommand } from '../../src/core/cli/serveCommand';
import { waitForPing } from '../../src/core/serving/waitForPing';

const ROOT = path.resolve(__dirname, '../..');
const MODEL = path.join(ROOT, 'demo', 'models', 'iris-logistic-regression');
const READY_TIMEOUT_MS = 180_000;

interface Found {
  readonly python: string;
  readonly version: string;
}

/** Try MLFLOW_REAL_PYTHON, then python3 and python on PATH; say what each one answered. */
export function findRealMlflow(env: NodeJS.ProcessEnv): { found: Found | undefined; tried: string[] } {
  const tried: string[] = [];
  const explicit = env.MLFLOW_REAL_PYTHON?.trim();
  if (!explicit) {
    tried.push('MLFLOW_REAL_PYTHON (unset)');
  }
  for (const python of [explicit, 'python3', 'python'].filter((p): p is string => p !== undefined && p !== '')) {
    const inv = buildVersionCommand(python);
    const r = spawnSync(inv.command, [...inv.args], { encoding: 'utf8', timeout: 60_000, env: { ...env, ...inv.env } });
    const version = r.status === 0 ? parseMlflowVersion(r.stdout) : undefined;
    if (version) {
      return { found: { python, version }, tried };
    }
    const why = r.error ? (r.error.message.includes('ENOENT') ? 'not found' : r.error.message) : /No module named mlflow/.test(r.stderr) ? 'no mlflow module' : `exit ${String(r.status)}`;
    tried.push(`${python} (${why})`);
  }
  return { found: undefined, tried };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
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

/** Rows in a `dataframe_split` / `inputs` / `instances` body: how many predictions to expect. */
function exampleRows(body: unknown): number {
  const b = body as { dataframe_split?: { data?: unknown[] }; inputs?: unknown[]; instances?: unknown[] };
  return b.dataframe_split?.data?.length ?? b.inputs?.length ?? b.instances?.length ?? 0;
}

async function serveAndPredict(found: Found): Promise<string[]> {
  const failures: string[] = [];
  const port = await freePort();
  const inv = buildServeCommand({ python: found.python, modelUri: MODEL, port, envManager: 'local' });
  const child = spawn(inv.command, [...inv.args], { env: { ...process.env, ...inv.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${String(port)}`;
  try {
    const ready = await waitForPing(url, { signal: new AbortController().signal, timeoutMs: READY_TIMEOUT_MS, stillRunning: () => child.exitCode === null });
    if (ready !== 'ready') {
      return [`the real server did not become ready (${ready}):\n${log.slice(-2000)}`];
    }
    const example = JSON.parse(fs.readFileSync(path.join(MODEL, 'serving_input_example.json'), 'utf8')) as unknown;
    const res = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(example) });
    const answer = (await res.json()) as { predictions?: unknown };
    if (res.status !== 200) {
      failures.push(`/invocations answered ${String(res.status)}: ${JSON.stringify(answer).slice(0, 500)}`);
    } else if (!Array.isArray(answer.predictions) || answer.predictions.length !== exampleRows(example)) {
      failures.push(`expected ${String(exampleRows(example))} predictions, got ${JSON.stringify(answer).slice(0, 500)}`);
    }
  } finally {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  return failures;
}

async function main(): Promise<number> {
  const { found, tried } = findRealMlflow(process.env);
  if (!found) {
    console.log(`real-MLflow tier: skipped — no Python with MLflow; tried ${tried.join(', ')}`);
    return 0;
  }
  console.log(`real-MLflow tier: ${found.python} has MLflow ${found.version}; serving ${path.relative(ROOT, MODEL)} for real`);
  const failures = await serveAndPredict(found);
  for (const f of failures) {
    console.log(`  FAIL ${f}`);
  }
  if (failures.length === 0) {
    console.log('  ok   serves a recorded model folder with env manager local and predicts its input example');
  }
  console.log(`${failures.length === 0 ? '1' : '0'} passed, ${failures.length === 0 ? '0' : '1'} failed`);
  return failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.log(`real-MLflow tier error: ${err instanceof Error ? err.message : String(err)}`);
      console.log('0 passed, 1 failed');
      process.exitCode = 1;
    });
}
