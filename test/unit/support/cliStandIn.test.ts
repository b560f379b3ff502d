import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// The mlflow CLI stand-in (test/support/cli/python) is a test double: these tests hold it to the
// answers the real MLflow 2.17.2 CLI and scoring server gave, as recorded in the fixtures.
const ROOT = path.resolve(__dirname, '../../..');
const STAND_IN = path.join(ROOT, 'test', 'support', 'cli', 'python');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'mlflow-2.17.2');

interface Exchange {
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        resolve(typeof a === 'object' && a ? a.port : 0);
      });
    });
  });
}

async function waitUp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} never came up`);
}

describe('mlflow CLI stand-in (test double) against the real recordings', () => {
  it('prints the recorded `mlflow --version`', () => {
    const r = spawnSync(STAND_IN, ['-m', 'mlflow', '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    const recorded = fs.readFileSync(path.join(FIXTURES, 'cli', 'version.txt'), 'utf8').split('\n')[1];
    assert.equal(r.stdout.trim(), recorded);
  });

  it('refuses to bind anything but 127.0.0.1 and to answer commands it has no recording of', () => {
    const bind = spawnSync(STAND_IN, ['-m', 'mlflow', 'models', 'serve', '-m', 'models:/x/1', '-h', '0.0.0.0', '-p', '5999'], { encoding: 'utf8' });
    assert.notEqual(bind.status, 0);
    assert.match(bind.stderr, /127\.0\.0\.1 only/);
    const other = spawnSync(STAND_IN, ['-m', 'mlflow', 'deployments', 'list', '-t', 'sagemaker'], { encoding: 'utf8' });
    assert.notEqual(other.status, 0);
  });

  it('predicts, generates a Dockerfile and fails build-docker exactly as recorded', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
    fs.writeFileSync(path.join(tmp, 'in.json'), '{}');
    const predict = spawnSync(STAND_IN, ['-m', 'mlflow', 'models', 'predict', '-m', '/m', '-i', path.join(tmp, 'in.json'), '-t', 'json', '-o', path.join(tmp, 'out.json')], { encoding: 'utf8' });
    assert.equal(predict.status, 0);
    const recordedPrediction = fs.readFileSync(path.join(FIXTURES, 'cli', 'models-predict.txt'), 'utf8').split('\n')[2]?.replace(/\[exit code: \d+\]$/, '');
    assert.equal(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'), recordedPrediction);

    const gen = spawnSync(STAND_IN, ['-m', 'mlflow', 'models', 'generate-dockerfile', '-m', '/m', '-d', path.join(tmp, 'df')], { encoding: 'utf8' });
    assert.equal(gen.status, 0);
    assert.equal(fs.readFileSync(path.join(tmp, 'df', 'Dockerfile'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'cli', 'generated-Dockerfile.txt'), 'utf8'));

    const docker = spawnSync(STAND_IN, ['-m', 'mlflow', 'models', 'build-docker', '-m', '/m', '-n', 'x'], { encoding: 'utf8' });
    assert.equal(docker.status, 1);
    assert.match(docker.stderr, /DockerException: Error while fetching server API version/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const session of fs.readdirSync(path.join(FIXTURES, 'serve'))) {
    it(`replays every recorded answer of the ${session} serve session`, async function () {
      this.timeout(30_000);
      const dir = path.join(FIXTURES, 'serve', session);
      const info = JSON.parse(fs.readFileSync(path.join(dir, '_serve-info.json'), 'utf8')) as { model_uri: string };
      const port = await freePort();
      const child: ChildProcess = spawn(STAND_IN, ['-m', 'mlflow', 'models', 'serve', '-m', info.model_uri, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(port), '-w', '1'], { stdio: 'ignore' });
      try {
        const base = `http://127.0.0.1:${String(port)}`;
        await waitUp(`${base}/ping`);
        const exchanges = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_'));
        assert.ok(exchanges.length >= 4);
        for (const f of exchanges) {
          const ex = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Exchange;
          const body = ex.request.body === null ? undefined : typeof ex.request.body === 'string' ? ex.request.body : JSON.stringify(ex.request.body);
          const res = await fetch(`${base}${ex.request.path}`, { method: ex.request.method, headers: ex.request.headers, body });
          assert.equal(res.status, ex.response.status, `${session}/${f} status`);
          const text = await res.text();
          const expected = typeof ex.response.body === 'string' ? ex.response.body : JSON.stringify(ex.response.body);
          assert.equal(text, expected, `${session}/${f} body`);
        }
      } finally {
        child.kill('SIGTERM');
      }
    });
  }
});
