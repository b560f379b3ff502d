import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { COMPARE_COMMANDS } from '../../../src/extension/shared/commandIds/compareCommandIds';
import { EVALUATION_COMMANDS } from '../../../src/extension/shared/commandIds/evaluationCommandIds';
import type {
  EvaluationCompared,
  EvaluationHostMessage,
  EvaluationResults,
} from '../../../src/protocol/evaluation';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { SqliteTraceStore } from '../../../src/core/traces/sqlite/sqliteTraceStore';
import type { RunDetailEvaluation } from '../../../src/protocol/runDetail';
import { startMlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { startTraceSearchServer } from '../../support/mlflow/traceSearchServer';
import { clearTrackingUriSetting, connectTo, probeOf, repoRoot, until } from './helpers';

/** The two `mlflow.genai.evaluate` runs of the recorded 3.11.1 store. */
const EVAL_DATASET_RUN = 'e356c244f214446dba9d6f16aad460c4';
const EVAL_LIST_RUN = '346cd906d1d04c54850ba8809d82f6b5';

interface EvaluationPanelLike {
  readonly panel: vscode.WebviewPanel;
  onMessage(m: { type: 'evaluation/openTrace'; traceId: string }): Promise<void>;
}

const dbPath = (): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite', 'mlflow.db');
const storeUri = (): string => `sqlite:///${dbPath()}`;

async function runNodes(api: MlflowExtensionApi): Promise<Array<NodeOf<'run'>>> {
  const top = await api.explorer.experiments.getChildren();
  const exp = top.find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === 'support-agent',
  );
  assert.ok(exp, 'the support-agent experiment is listed');
  const nodes: ExplorerNode[] = await api.explorer.experiments.getChildren(exp);
  return nodes.filter((n): n is NodeOf<'run'> => n.kind === 'run');
}

function sentTo<T extends EvaluationHostMessage>(
  api: MlflowExtensionApi,
  panel: EvaluationPanelLike,
  type: T['type'],
): Promise<T> {
  return until(
    `the ${type} message`,
    () => {
      const sent = probeOf(api, 'evaluation', panel.panel).sent;
      assert.equal(
        sent.find((m) => m.type === 'evaluation/error'),
        undefined,
        'no error was posted',
      );
      return sent.find((m): m is T => m.type === type);
    },
    60_000,
  );
}

describe('evaluation runs (real extension host, recorded 3.11.1 mlflow.db)', () => {
  let api: MlflowExtensionApi;

  before(async function () {
    this.timeout(60_000);
    api = await connectTo(storeUri());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
  });

  it('marks the evaluation runs of the tree for their menu items, and no other run', async function () {
    this.timeout(60_000);
    const runs = await runNodes(api);
    const marked = runs
      .filter((r) =>
        /^mlflow\.run\.[a-z]+\.eval/.test(api.explorer.experiments.getTreeItem(r).contextValue ?? ''),
      )
      .map((r) => r.runId);
    assert.deepEqual(marked.sort(), [EVAL_DATASET_RUN, EVAL_LIST_RUN].sort());
    assert.ok(runs.length > marked.length, 'the experiment has other runs, unmarked');
  });

  it('Show Evaluation Results on a run node: a row per trace, a column per scorer, and a row opens its trace', async function () {
    this.timeout(90_000);
    const node = (await runNodes(api)).find((r) => r.runId === EVAL_DATASET_RUN);
    const panel = await vscode.commands.executeCommand<EvaluationPanelLike>(
      EVALUATION_COMMANDS.showResults,
      node,
    );
    assert.ok(panel, 'the command returns its panel');
    const results = await sentTo<EvaluationResults>(api, panel, 'evaluation/results');
    assert.equal(results.run.runId, EVAL_DATASET_RUN);
    assert.deepEqual(results.table.scorers, [
      'exact_match',
      'keyword_coverage',
      'mentions_source',
      'response_chars',
    ]);
    assert.equal(results.table.rows.length, 6);
    const exact = results.scorers.find((s) => s.scorer === 'exact_match');
    assert.deepEqual([exact?.pass, exact?.fail], [1, 5]);
    assert.match(panel.panel.title, /^Evaluation /);

    const traceId = results.table.rows[0]?.traceId ?? '';
    const before = new Set(api.webviewPanels().map((p) => p.panel));
    await panel.onMessage({ type: 'evaluation/openTrace', traceId });
    const opened = await until('a trace panel', () =>
      api.webviewPanels().find((p) => p.kind === 'traceDetail' && !before.has(p.panel)),
    );
    const snapshot = await until('its snapshot', () =>
      probeOf(api, 'traceDetail', opened.panel).sent.find((m) => m.type === 'traceDetail/snapshot'),
    );
    assert.equal(snapshot.traceId, traceId);
  });

  it('Compare Evaluation Runs on two selected runs: rows joined by request', async function () {
    this.timeout(90_000);
    const runs = (await runNodes(api)).filter((r) => [EVAL_DATASET_RUN, EVAL_LIST_RUN].includes(r.runId));
    const first = runs.find((r) => r.runId === EVAL_DATASET_RUN);
    const second = runs.find((r) => r.runId === EVAL_LIST_RUN);
    const panel = await vscode.commands.executeCommand<EvaluationPanelLike>(
      EVALUATION_COMMANDS.compare,
      first,
      [first, second],
    );
    assert.ok(panel);
    const compared = await sentTo<EvaluationCompared>(api, panel, 'evaluation/comparison');
    assert.deepEqual([compared.first.runId, compared.second.runId], [EVAL_DATASET_RUN, EVAL_LIST_RUN]);
    assert.equal(compared.second.name, 'eval-support-agent-v2');
    assert.deepEqual(compared.comparison.counts, {
      regressed: 0,
      improved: 0,
      changed: 0,
      same: 4,
      onlyFirst: 2,
      onlySecond: 0,
    });
  });

  it('refuses to show a run that is not an evaluation run, saying why in the panel', async function () {
    this.timeout(60_000);
    const other = (await runNodes(api)).find((r) => ![EVAL_DATASET_RUN, EVAL_LIST_RUN].includes(r.runId));
    assert.ok(other);
    const panel = await vscode.commands.executeCommand<EvaluationPanelLike>(
      EVALUATION_COMMANDS.showResults,
      other.runId,
    );
    const error = await until('the error message', () =>
      probeOf(api, 'evaluation', panel.panel).sent.find((m) => m.type === 'evaluation/error'),
    );
    assert.match(error.message, /not an evaluation run/);
  });

  it("the run detail of an evaluation run lists its scorers' means and pass/fail counts; another run's does not", async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand(COMPARE_COMMANDS.openRunById, EVAL_LIST_RUN);
    const panel = await until('the run panel', () => api.panels.runDetail(EVAL_LIST_RUN));
    const section = await until(
      'the evaluation section',
      () =>
        probeOf(api, 'runDetail', panel.panel).sent.find(
          (m): m is RunDetailEvaluation => m.type === 'runDetail/evaluation',
        ),
      60_000,
    );
    assert.equal(section.problem, undefined);
    assert.equal(section.traces, 4);
    const exact = section.scorers.find((s) => s.scorer === 'exact_match');
    assert.deepEqual(
      [exact?.metrics[0]?.aggregation, exact?.metrics[0]?.value, exact?.pass, exact?.fail],
      ['mean', 0.25, 1, 3],
    );

    // A run of the churn experiment: its first chart series comes after where the section would.
    const churn = (await api.explorer.experiments.getChildren()).find(
      (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === 'churn-prediction',
    );
    assert.ok(churn);
    const plain = (await api.explorer.experiments.getChildren(churn)).find(
      (n): n is NodeOf<'run'> => n.kind === 'run' && n.run.data.metrics.length > 0,
    );
    assert.ok(plain);
    await vscode.commands.executeCommand(COMPARE_COMMANDS.openRunById, plain.runId);
    const other = await until('the other run panel', () => api.panels.runDetail(plain.runId));
    await until(
      'its first series',
      () => probeOf(api, 'runDetail', other.panel).sent.find((m) => m.type === 'runDetail/series'),
      60_000,
    );
    assert.ok(!probeOf(api, 'runDetail', other.panel).sent.some((m) => m.type === 'runDetail/evaluation'));
  });

  it('over REST: a test server answering from the recorded mlflow.db gives the same table, asked by trace.run_id', async function () {
    this.timeout(90_000);
    const db = await SqliteDatabase.open(dbPath());
    const tracking = new SqliteTrackingStore(db);
    const server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    const front = await startTraceSearchServer(server.baseUrl, new SqliteTraceStore(db));
    try {
      // The panels the sqlite tests opened would be revealed instead of loading over REST.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until('no evaluation panel open', () => (api.evaluations.all().length === 0 ? true : undefined));
      const rest = await connectTo(front.baseUrl);
      const panel = await vscode.commands.executeCommand<EvaluationPanelLike>(
        EVALUATION_COMMANDS.showResults,
        EVAL_DATASET_RUN,
      );
      const results = await sentTo<EvaluationResults>(rest, panel, 'evaluation/results');
      assert.equal(results.table.rows.length, 6);
      assert.deepEqual(results.table.scorers, [
        'exact_match',
        'keyword_coverage',
        'mentions_source',
        'response_chars',
      ]);
      const exact = results.scorers.find((x) => x.scorer === 'exact_match');
      assert.deepEqual([exact?.pass, exact?.fail], [1, 5]);
      const search = front.searches.find((b) => b.filter === `trace.run_id = '${EVAL_DATASET_RUN}'`);
      assert.ok(search, 'the traces were searched by run');
      assert.equal(search.max_results, 500);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await connectTo(storeUri());
      await front.close();
      await server.close();
      tracking.dispose();
    }
  });
});
