// Download Artifacts in the real extension host, through the loopback MLflow REST test server: a
// run's artifacts land in the chosen folder byte for byte, the notification showed files and bytes
// as they came, and the result says what was downloaded; a server whose folder nests itself for
// ever is stopped at the depth bound with a message naming it, after a counted number of listings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { DownloadOutcome } from '../../../src/extension/explorer/downloadArtifacts';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import {
  adjustableTrackingStore,
  type TrackingAdjustments,
} from '../../support/mlflow/adjustableTrackingStore';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { clearTrackingUriSetting, connectTo, repoRoot } from './helpers';

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);
const ids = (): { experiments: Record<string, string>; runs: { with_artifacts: string } } =>
  JSON.parse(fs.readFileSync(fixtures('ids', 'sqlite-v2.17.2.json'), 'utf8')) as {
    experiments: Record<string, string>;
    runs: { with_artifacts: string };
  };

/** Every file under `dir`, relative and sorted, temporary ones included. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

async function runNode(api: MlflowExtensionApi, runId: string): Promise<NodeOf<'run'>> {
  const experimentId = ids().experiments['iris-classification'];
  const exp = (await api.explorer.experiments.getChildren()).find(
    (n) => n.kind === 'experiment' && n.experiment.experimentId === experimentId,
  );
  assert.ok(exp, 'the iris experiment is listed');
  const run = (await api.explorer.experiments.getChildren(exp)).find(
    (n): n is NodeOf<'run'> => n.kind === 'run' && n.runId === runId,
  );
  assert.ok(run, `run ${runId} is listed`);
  return run;
}

async function artifactsOf(api: MlflowExtensionApi, run: ExplorerNode): Promise<ExplorerNode[]> {
  const s = (await api.explorer.experiments.getChildren(run)).find(
    (n) => n.kind === 'section' && n.section === 'artifacts',
  );
  assert.ok(s, 'the run has an artifacts section');
  return api.explorer.experiments.getChildren(s);
}

describe('Download Artifacts (real extension host, REST test server)', () => {
  let server: MlflowTestServer;
  let adjust: TrackingAdjustments;
  let tmp: string;
  const disposers: Array<() => void> = [];

  before(async function () {
    this.timeout(60_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-download-inhost-'));
    const db = await SqliteDatabase.open(fixtures('sqlite', 'mlflow.db'));
    const sqlite = new SqliteTrackingStore(db, { artifactsDestination: fixtures('sqlite', 'mlartifacts') });
    disposers.push(() => {
      sqlite.dispose();
    });
    const adjustable = adjustableTrackingStore(sqlite);
    adjust = adjustable.adjust;
    server = await startMlflowTestServer(adjustable.tracking, new SqliteRegistryStore(db));
  });

  after(async () => {
    await clearTrackingUriSetting();
    await server.close();
    disposers.forEach((d) => {
      d();
    });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads a run into the chosen folder, showing files and bytes, and says what it downloaded', async () => {
    const api = await connectTo(server.baseUrl);
    const runId = ids().runs.with_artifacts;
    const target = vscode.Uri.file(fs.mkdtempSync(path.join(tmp, 'run-')));
    const done = await vscode.commands.executeCommand<DownloadOutcome>(
      'mlflow.artifacts.download',
      await runNode(api, runId),
      target,
    );

    const experimentId = ids().experiments['iris-classification'] ?? '';
    const source = fixtures('sqlite', 'mlartifacts', experimentId, runId, 'artifacts');
    const expected = filesUnder(source);
    assert.ok(expected.length > 2, `the fixture run has ${String(expected.length)} files`);
    assert.deepEqual(filesUnder(target.fsPath), expected, 'every file, and no temporary one');
    for (const f of expected) {
      assert.equal(
        Buffer.compare(fs.readFileSync(path.join(target.fsPath, f)), fs.readFileSync(path.join(source, f))),
        0,
        f,
      );
    }
    const bytes = expected.reduce((sum, f) => sum + fs.statSync(path.join(source, f)).size, 0);
    assert.equal(done.outcome, 'done');
    assert.equal(done.files, expected.length);
    assert.equal(done.bytes, bytes);
    assert.match(
      done.message,
      new RegExp(
        `^Downloaded ${String(expected.length)} files \\([\\d.]+ [KM]?B\\) to ${target.fsPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.$`,
      ),
    );
    assert.equal(done.progress[0], 'Listing the artifacts…');
    const n = String(expected.length);
    assert.ok(
      done.progress.some((line) =>
        new RegExp(`^\\d+ of ${n} files · [\\d.]+ [KM]?B of [\\d.]+ [KM]?B · \\S+`).test(line),
      ),
      done.progress.join('\n'),
    );
    assert.match(
      done.progress.at(-1) ?? '',
      new RegExp(`^${n} of ${n} files · [\\d.]+ [KM]?B of [\\d.]+ [KM]?B$`),
    );
  });

  it('stops a folder that nests itself for ever at 32 levels and says so, having listed it 33 times', async () => {
    const api = await connectTo(server.baseUrl);
    const runId = ids().runs.with_artifacts;
    adjust.selfNesting.add(runId);
    try {
      await vscode.commands.executeCommand('mlflow.experiments.refresh');
      const again = (await artifactsOf(api, await runNode(api, runId))).find(
        (n) => n.kind === 'artifact' && n.file.path === 'again',
      );
      assert.ok(again, 'the hostile folder is listed');
      adjust.lists.length = 0;
      const target = vscode.Uri.file(fs.mkdtempSync(path.join(tmp, 'nest-')));
      const done = await vscode.commands.executeCommand<DownloadOutcome>(
        'mlflow.artifacts.download',
        again,
        target,
      );
      assert.equal(done.outcome, 'failed');
      assert.equal(done.files, 0);
      assert.match(
        done.message,
        /^Download stopped\. The artifact folders nest deeper than 32 levels .* Nothing was downloaded\.$/,
      );
      assert.equal(adjust.lists.length, 33, adjust.lists.slice(0, 3).join(', '));
      assert.deepEqual(filesUnder(target.fsPath), []);
    } finally {
      adjust.selfNesting.delete(runId);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
