import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatOverview, main, parseArgs } from '../../../../scripts/inspect';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { collectOverview } from '../../../../src/core/stores/storeOverview';
import { fullPageTokenStore } from '../../../support/mlflow/fullPageTokenStore';

const ROOT = path.resolve(__dirname, '../../../..');
const DB = 'sqlite:///test/fixtures/mlflow-2.17.2/sqlite/mlflow.db';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, {}, (t) => (out += t), ROOT);
  return { code, out };
}

describe('npm run inspect', () => {
  it('prints experiments, runs with key metrics and models with aliases from the recorded mlflow.db', async () => {
    const { code, out } = await run(['--tracking-uri', DB]);
    assert.equal(code, 0);
    assert.match(out, /^Experiments \(5\)$/m);
    assert.match(out, /^ {2}iris-classification \[1\]$/m);
    assert.match(out, /^ {4}logreg-lr-too-high {2}f6ab2f84b6514b99ba4ca3708d64ba68 {2}FAILED {2}loss=NaN$/m);
    assert.match(out, /^ {2}empty-experiment \[4\] \(no runs\)$/m);
    assert.match(out, /^Registered models \(3\)$/m);
    assert.match(out, /^ {2}iris-classifier {2}@challenger→v3 @champion→v2$/m);
    assert.match(out, /^ {4}v1 {2}Archived {2}READY {2}run cc8c8745b34f45ada9edf6334e96c203$/m);
  });

  it('--json keeps NaN as MLflow writes it and narrows to one experiment', async () => {
    const { code, out } = await run(['--tracking-uri', DB, '--experiment', 'iris-classification', '--json']);
    assert.equal(code, 0);
    const doc = JSON.parse(out) as {
      experiments: Array<{
        experiment: { name: string };
        runs: Array<{ info: { runId: string }; data: { metrics: Array<{ value: unknown }> } }>;
      }>;
    };
    assert.deepEqual(
      doc.experiments.map((e) => e.experiment.name),
      ['iris-classification'],
    );
    const failed = doc.experiments[0]?.runs.find((r) => r.info.runId === 'f6ab2f84b6514b99ba4ca3708d64ba68');
    assert.equal(failed?.data.metrics[0]?.value, 'NaN');
  });

  it('says "… more runs" only when more runs follow, also where a 2.x server sends a token with an exactly full page', async () => {
    const db = await SqliteDatabase.open(path.join(ROOT, 'test/fixtures/mlflow-2.17.2/sqlite/mlflow.db'));
    const tracking = fullPageTokenStore(new SqliteTrackingStore(db), 'rest');
    const registry = new SqliteRegistryStore(db);
    try {
      // wine-regression has 5 runs: a 2.x server answers a page of 5 with a token.
      assert.notEqual(
        (await tracking.searchRuns({ experimentIds: ['2'], maxResults: 5 })).nextPageToken,
        undefined,
      );
      const exact = await collectOverview(tracking, registry, {
        experimentName: 'wine-regression',
        runsPerExperiment: 5,
      });
      assert.deepEqual([exact.experiments[0]?.runs.length, exact.experiments[0]?.moreRuns], [5, false]);
      assert.doesNotMatch(formatOverview(exact), /more runs/);
      const fewer = await collectOverview(tracking, registry, {
        experimentName: 'wine-regression',
        runsPerExperiment: 4,
      });
      assert.deepEqual([fewer.experiments[0]?.runs.length, fewer.experiments[0]?.moreRuns], [4, true]);
      assert.match(formatOverview(fewer), /^ {4}… more runs$/m);
    } finally {
      tracking.dispose();
    }
  });

  it('reports an unknown experiment and bad usage with non-zero exit codes', async () => {
    assert.deepEqual(await run(['--tracking-uri', DB, '--experiment', 'nope']), {
      code: 1,
      out: 'inspect: No experiment named "nope".\n',
    });
    assert.equal((await run([])).code, 2);
    for (const help of ['--help', '-h']) {
      const asked = await run([help]);
      assert.equal(asked.code, 0, help);
      assert.match(asked.out, /^usage: npm run inspect -- --tracking-uri URI/m);
      assert.doesNotMatch(asked.out, /^inspect:/m);
    }
    assert.equal(typeof parseArgs(['--bogus'], {}), 'string');
    assert.deepEqual(parseArgs(['--json'], { MLFLOW_TRACKING_URI: 'file:./mlruns' }), {
      trackingUri: 'file:./mlruns',
      experiment: undefined,
      json: true,
    });
  });

  it('reports a store that cannot be opened as "inspect: <message>" with exit code 1, without an unhandled rejection', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const garbage = path.join(dir, 'mlflow.db');
      fs.writeFileSync(garbage, 'this is not a database '.repeat(200));
      const corrupt = await run(['--tracking-uri', `sqlite:///${garbage}`]);
      assert.equal(corrupt.code, 1);
      assert.match(corrupt.out, /^inspect: Not a SQLite database: .+\n$/);

      const missing = await run(['--tracking-uri', `sqlite:///${path.join(dir, 'absent.db')}`]);
      assert.equal(missing.code, 1);
      assert.match(missing.out, /^inspect: Cannot read .*absent\.db/);

      let out = '';
      const code = await main(
        ['--tracking-uri', 'http://127.0.0.1:9'],
        { MLFLOW_TRACKING_INSECURE_TLS: 'yes' },
        (t) => (out += t),
        ROOT,
      );
      assert.deepEqual(
        { code, out },
        { code: 1, out: 'inspect: MLFLOW_TRACKING_INSECURE_TLS must be true, false, 1 or 0, not "yes".\n' },
      );
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
