import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { withInterpreterOnPath } from '../../../src/core/cli/interpreterPath';
import { parseProjectRunLine } from '../../../src/core/cli/projectRunOutput';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { startMlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';

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
    const bind = spawnSync(
      STAND_IN,
      ['-m', 'mlflow', 'models', 'serve', '-m', 'models:/x/1', '-h', '0.0.0.0', '-p', '5999'],
      { encoding: 'utf8' },
    );
    assert.notEqual(bind.status, 0);
    assert.match(bind.stderr, /127\.0\.0\.1 only/);
    const other = spawnSync(STAND_IN, ['-m', 'mlflow', 'deployments', 'list', '-t', 'sagemaker'], {
      encoding: 'utf8',
    });
    assert.notEqual(other.status, 0);
  });

  it('predicts, generates a Dockerfile and fails build-docker exactly as recorded', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
    fs.writeFileSync(path.join(tmp, 'in.json'), '{}');
    const predict = spawnSync(
      STAND_IN,
      [
        '-m',
        'mlflow',
        'models',
        'predict',
        '-m',
        '/m',
        '-i',
        path.join(tmp, 'in.json'),
        '-t',
        'json',
        '-o',
        path.join(tmp, 'out.json'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(predict.status, 0);
    const recordedPrediction = fs
      .readFileSync(path.join(FIXTURES, 'cli', 'models-predict.txt'), 'utf8')
      .split('\n')[2]
      ?.replace(/\[exit code: \d+\]$/, '');
    assert.equal(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'), recordedPrediction);

    const gen = spawnSync(
      STAND_IN,
      ['-m', 'mlflow', 'models', 'generate-dockerfile', '-m', '/m', '-d', path.join(tmp, 'df')],
      { encoding: 'utf8' },
    );
    assert.equal(gen.status, 0);
    assert.equal(
      fs.readFileSync(path.join(tmp, 'df', 'Dockerfile'), 'utf8'),
      fs.readFileSync(path.join(FIXTURES, 'cli', 'generated-Dockerfile.txt'), 'utf8'),
    );

    const docker = spawnSync(STAND_IN, ['-m', 'mlflow', 'models', 'build-docker', '-m', '/m', '-n', 'x'], {
      encoding: 'utf8',
    });
    assert.equal(docker.status, 1);
    assert.match(docker.stderr, /DockerException: Error while fetching server API version/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const session of fs.readdirSync(path.join(FIXTURES, 'serve'))) {
    it(`replays every recorded answer of the ${session} serve session`, async function () {
      this.timeout(30_000);
      const dir = path.join(FIXTURES, 'serve', session);
      const info = JSON.parse(fs.readFileSync(path.join(dir, '_serve-info.json'), 'utf8')) as {
        model_uri: string;
      };
      const port = await freePort();
      // the environment the extension gives a child: the interpreter's folder first on PATH
      const env = withInterpreterOnPath(STAND_IN, process.env, process.platform);
      const child: ChildProcess = spawn(
        STAND_IN,
        [
          '-m',
          'mlflow',
          'models',
          'serve',
          '-m',
          info.model_uri,
          '--env-manager',
          'local',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-w',
          '1',
        ],
        { stdio: 'ignore', env, detached: true },
      );
      try {
        const base = `http://127.0.0.1:${String(port)}`;
        await waitUp(`${base}/ping`);
        const exchanges = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_'));
        assert.ok(exchanges.length >= 4);
        for (const f of exchanges) {
          const ex = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Exchange;
          const body =
            ex.request.body === null
              ? undefined
              : typeof ex.request.body === 'string'
                ? ex.request.body
                : JSON.stringify(ex.request.body);
          const res = await fetch(`${base}${ex.request.path}`, {
            method: ex.request.method,
            headers: ex.request.headers,
            body,
          });
          assert.equal(res.status, ex.response.status, `${session}/${f} status`);
          const text = await res.text();
          const expected =
            typeof ex.response.body === 'string' ? ex.response.body : JSON.stringify(ex.response.body);
          assert.equal(text, expected, `${session}/${f} body`);
        }
      } finally {
        // the whole group: the CLI stand-in and the gunicorn stand-in it started
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      }
    });
  }

  it('`models serve` starts gunicorn by name through PATH, as MLflow does: without its folder it fails with 127', () => {
    const bare = (process.env.PATH ?? '')
      .split(':')
      .filter((p) => p !== path.dirname(STAND_IN))
      .join(':');
    const r = spawnSync(
      STAND_IN,
      [
        '-m',
        'mlflow',
        'models',
        'serve',
        '-m',
        'runs:/x/model',
        '--env-manager',
        'local',
        '-h',
        '127.0.0.1',
        '-p',
        '5999',
        '-w',
        '1',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PATH: bare },
        timeout: 20_000,
      },
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /gunicorn: (command )?not found/);
    assert.match(r.stderr, /returned non zero return code\. Return code = 127/);
  });

  describe('`mlflow run` against the REST test server', () => {
    // MLflow's own texts (mlflow/projects/backend/local.py, mlflow/projects/__init__.py) behind its
    // logger prefix (mlflow/utils/logging_utils.py: "%Y/%m/%d %H:%M:%S <LEVEL> <logger>: ").
    const STAMP = String.raw`\d{4}/\d\d/\d\d \d\d:\d\d:\d\d`;
    const STARTED = new RegExp(
      String.raw`^${STAMP} INFO mlflow\.projects\.backend\.local: === Running command '(.*)' in run with ID '([0-9a-f]{32})' === $`,
    );
    const SUCCEEDED = new RegExp(
      String.raw`^${STAMP} INFO mlflow\.projects: === Run \(ID '([0-9a-f]{32})'\) succeeded ===$`,
    );
    const FAILED = new RegExp(
      String.raw`^${STAMP} ERROR mlflow\.cli: === Run \(ID '([0-9a-f]{32})'\) failed ===$`,
    );

    function runStandIn(
      args: string[],
      env: Record<string, string>,
    ): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolve) => {
        const child = spawn(STAND_IN, args, { env: { ...process.env, MLFLOW_STANDIN_RUN_MS: '50', ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => {
          resolve({ code, stdout, stderr });
        });
      });
    }

    it('creates the experiment and a run with the entry point’s params, printing MLflow’s lines, and records argv and env names', async function () {
      this.timeout(30_000);
      const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
      const tracking = new SqliteTrackingStore(db, {
        artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
      });
      const stores = overlayStores(tracking, new SqliteRegistryStore(db));
      const server = await startMlflowTestServer(stores.tracking, stores.registry, {
        writes: stores.writes,
        bearerToken: 'tok-123',
      });
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-run-'));
      try {
        fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'mlproject', 'sklearn_elasticnet_wine'), tmp, {
          recursive: true,
        });
        const argvLog = path.join(tmp, 'argv.log');
        const envLog = path.join(tmp, 'env.log');
        const args = [
          '-m',
          'mlflow',
          'run',
          tmp,
          '-e',
          'main',
          '-P',
          'alpha=0.7',
          '-P',
          "note=it's",
          '--experiment-name',
          'wine-runs',
          '--env-manager',
          'local',
        ];
        const r = await runStandIn(args, {
          MLFLOW_TRACKING_URI: server.baseUrl,
          MLFLOW_TRACKING_TOKEN: 'tok-123',
          MLFLOW_TRACKING_USERNAME: '',
          MLFLOW_STANDIN_ARGV_LOG: argvLog,
          MLFLOW_STANDIN_ENV_LOG: envLog,
        });
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stderr.trimEnd().split('\n');
        const started = lines.map((l) => STARTED.exec(l)).find((m) => m !== null);
        assert.ok(started, r.stderr);
        assert.equal(started[1], "python train.py 0.7 0.1 --note 'it'\"'\"'s'");
        const runId = started[2] ?? '';
        assert.equal(SUCCEEDED.exec(lines.at(-1) ?? '')?.[1], runId);
        assert.ok(
          lines.some((l) =>
            l.endsWith("INFO mlflow.projects: 'wine-runs' does not exist. Creating a new experiment"),
          ),
        );
        // the extension's parser reads the same lines
        assert.deepEqual(
          lines
            .map(parseProjectRunLine)
            .filter((e) => e !== undefined)
            .map((e) => [e.kind, e.runId]),
          [
            ['started', runId],
            ['succeeded', runId],
          ],
        );

        const experiment = await stores.tracking.getExperimentByName('wine-runs');
        assert.ok(experiment);
        const run = await stores.tracking.getRun(runId);
        assert.equal(run.info.experimentId, experiment.experimentId);
        assert.equal(run.info.status, 'FINISHED');
        assert.deepEqual(
          run.data.params.map((p) => [p.key, p.value]),
          [
            ['alpha', '0.7'],
            ['l1_ratio', '0.1'],
            ['note', "'it'\"'\"'s'"],
          ],
        );
        assert.equal(run.data.tags.find((t) => t.key === 'mlflow.project.entryPoint')?.value, 'main');
        assert.equal(run.data.tags.find((t) => t.key === 'mlflow.source.type')?.value, 'PROJECT');
        assert.deepEqual(
          fs
            .readFileSync(argvLog, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as unknown),
          [args],
        );
        assert.deepEqual(JSON.parse(fs.readFileSync(envLog, 'utf8')), {
          MLFLOW_TRACKING_URI: server.baseUrl,
          credentials: ['MLFLOW_TRACKING_TOKEN'],
        });

        const failed = await runStandIn(
          ['-m', 'mlflow', 'run', tmp, '-e', 'main', '--experiment-name', 'wine-runs'],
          {
            MLFLOW_TRACKING_URI: server.baseUrl,
            MLFLOW_TRACKING_TOKEN: 'tok-123',
            MLFLOW_STANDIN_RUN_FAIL: '1',
          },
        );
        assert.equal(failed.code, 1);
        const failedId = FAILED.exec(failed.stderr.trimEnd().split('\n').at(-1) ?? '')?.[1];
        assert.ok(failedId, failed.stderr);
        assert.equal((await stores.tracking.getRun(failedId)).info.status, 'FAILED');
        assert.equal(
          (await stores.tracking.getRun(failedId)).info.experimentId,
          experiment.experimentId,
          'the existing experiment is reused',
        );
      } finally {
        await server.close();
        tracking.dispose();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('refuses missing parameters and a path that does not exist, as mlflow run does, creating nothing', async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-run-'));
      try {
        fs.writeFileSync(
          path.join(tmp, 'MLproject'),
          'name: p\nentry_points:\n  main:\n    parameters:\n      data: path\n    command: "python t.py {data}"\n',
        );
        const env = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' };
        const missing = await runStandIn(['-m', 'mlflow', 'run', tmp, '-e', 'main'], env);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /No value given for missing parameters: 'data'/);
        const nofile = await runStandIn(
          ['-m', 'mlflow', 'run', tmp, '-e', 'main', '-P', 'data=/nonexistent/x.csv'],
          env,
        );
        assert.equal(nofile.code, 1);
        assert.match(
          nofile.stderr,
          /Got value \/nonexistent\/x\.csv for parameter data, but no such file or directory was found\./,
        );
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
});

describe('mlflow CLI stand-in: `models serve -m models:/m-<id>` resolves the logged model as MLflow 3.11.1 does', () => {
  const FIXTURES_3 = path.join(ROOT, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite');
  const V1 = 'm-92f7cb2d35cf41a6b8527ddd10132494';
  const UNKNOWN = 'm-00000000000000000000000000000000';
  let db: SqliteDatabase;
  let server: Awaited<ReturnType<typeof startMlflowTestServer>>;
  before(async () => {
    db = await SqliteDatabase.open(path.join(FIXTURES_3, 'mlflow.db'));
    server = await startMlflowTestServer(
      new SqliteTrackingStore(db, { artifactsDestination: path.join(FIXTURES_3, 'mlartifacts') }),
      new SqliteRegistryStore(db),
    );
  });
  after(async () => {
    await server.close();
    db.close();
  });

  const serveArgs = (id: string, port: number): string[] =>
    ['-m', 'mlflow', 'models', 'serve', '-m', `models:/${id}`, '--env-manager', 'local'].concat([
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
    ]);

  function run(id: string, trackingUri: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(STAND_IN, serveArgs(id, 5999), {
        env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri },
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.on('close', (code) => {
        resolve({ code, stderr });
      });
    });
  }

  it('over REST: an unknown id ends with the RestException the real CLI prints, exit 1', async () => {
    const r = await run(UNKNOWN, server.baseUrl);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim(),
      `mlflow.exceptions.RestException: RESOURCE_DOES_NOT_EXIST: Logged model with ID '${UNKNOWN}' not found.`,
    );
  });

  it('over REST: a known id is looked up, its MLmodel fetched through the artifact proxy, then served', async function () {
    this.timeout(30_000);
    server.received.length = 0;
    const port = await freePort();
    const env = withInterpreterOnPath(
      STAND_IN,
      { ...process.env, MLFLOW_TRACKING_URI: server.baseUrl },
      process.platform,
    );
    const child = spawn(STAND_IN, serveArgs(V1, port), { stdio: 'ignore', env, detached: true });
    try {
      await waitUp(`http://127.0.0.1:${String(port)}/ping`);
      assert.deepEqual(
        server.received.map((r) => r.path),
        [
          `/api/2.0/mlflow/logged-models/${V1}`,
          `/api/2.0/mlflow-artifacts/artifacts/1/models/${V1}/artifacts/MLmodel`,
        ],
      );
    } finally {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    }
  });

  it('over sqlite: unknown ids and mlflow-artifacts: locations fail as the real 3.11.1 CLI fails', async () => {
    const uri = `sqlite:///${path.join(FIXTURES_3, 'mlflow.db')}`;
    const unknown = await run(UNKNOWN, uri);
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.stderr.trim(),
      `mlflow.exceptions.MlflowException: Logged model with ID '${UNKNOWN}' not found.`,
    );
    const proxied = await run(V1, uri);
    assert.equal(proxied.code, 1);
    assert.match(
      proxied.stderr,
      /^mlflow\.exceptions\.MlflowException: When an mlflow-artifacts URI was supplied, the tracking URI must be a valid http or https URI/,
    );
  });
});
