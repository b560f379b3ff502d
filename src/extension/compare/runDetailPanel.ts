import * as vscode from 'vscode';
import { CODE_COMMANDS } from '../shared/commandIds/codeCommandIds';
import { decimate } from '../../core/compare/decimate';
import { emptyEvaluationTable } from '../../core/evaluation/evaluationTable';
import { isEvaluationRun, scorerMetrics } from '../../core/evaluation/evaluationRun';
import { evaluationOfRun } from '../../core/evaluation/loadEvaluation';
import { summariseScorers } from '../../core/evaluation/scorerSummary';
import { toSeries } from '../../core/compare/metricSeries';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { listRunModels } from '../../core/explorer/runModels';
import { PARENT_RUN_TAG, runLabel } from '../../core/explorer/runSummary';
import { runOverview } from '../../core/runDetail/runOverview';
import type { Run } from '../../core/tracking/entities/run';
import type { TrackingStore } from '../../core/tracking/trackingStore';
import { isRunId } from '../../protocol/compareRuns';
import type {
  RunDetailHostMessage,
  RunDetailViewState,
  RunDetailWebviewMessage,
  RunLink,
} from '../../protocol/runDetail';
import type { StoreSession } from '../connection';
import { EVALUATION_COMMANDS } from '../shared/commandIds/evaluationCommandIds';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

/** Charts drawn per run at most (one per metric); a run with more shows the first ones by key. */
const MAX_CHARTS = 30;
/** Points per chart: about four times a half-width canvas. */
const POINTS = 1600;

export interface RunDetailDeps {
  readonly extensionUri: vscode.Uri;
  readonly session: StoreSession;
  readonly log: vscode.LogOutputChannel;
  readonly compare: (runIds: readonly string[]) => void;
}

/** Run detail panels by run id: opening a run already shown reveals its panel. */
const details = new PanelHost<'runDetail', string, RunDetailPanel>({
  kind: 'runDetail',
  what: 'a run detail panel',
});

/**
 * One run in a panel: overview, note, params, metrics, tags, datasets, models and a chart per
 * metric history. One panel per run id; opening the same run again reveals it.
 */
export class RunDetailPanel implements vscode.Disposable {
  private children: RunLink[] = [];

  static show(deps: RunDetailDeps, runId: string): RunDetailPanel {
    return details.show(
      runId,
      `Run ${runId.slice(0, 8)}`,
      deps,
      (hosted) => new RunDetailPanel(hosted, deps, runId),
    );
  }

  static revive(panel: vscode.WebviewPanel, deps: RunDetailDeps, runId: string): RunDetailPanel {
    return details.revive(runId, panel, deps, (hosted) => new RunDetailPanel(hosted, deps, runId));
  }

  /** Bring back run panels after a reload, for the run their webview saved (checked: it comes from there). */
  static registerSerializer(deps: RunDetailDeps): vscode.Disposable {
    return details.registerSerializer((panel, state) => {
      const runId = (state as Partial<RunDetailViewState> | undefined)?.runId;
      if (isRunId(runId)) {
        RunDetailPanel.revive(panel, deps, runId);
      } else {
        panel.dispose();
      }
    });
  }

  static get(runId: string): RunDetailPanel | undefined {
    return details.get(runId);
  }

  static disposeAll(): void {
    details.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'runDetail'>,
    private readonly deps: RunDetailDeps,
    readonly runId: string,
  ) {}

  /** The VS Code panel the run is shown in. */
  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** A message from the webview (its guard passed): a failure replaces the panel's content. */
  onMessage(message: RunDetailWebviewMessage): void {
    void this.handle(message).catch((err: unknown) => {
      if (!this.hosted.signal.aborted) {
        const { summary, detail } = describeStoreError(err);
        this.deps.log.warn(`Run detail ${this.runId}: ${detail}`);
        this.post({ type: 'runDetail/error', message: `Cannot show run ${this.runId}: ${summary}.` });
      }
    });
  }

  private async handle(m: RunDetailWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'runDetail/refresh':
        await this.load();
        return;
      case 'runDetail/openRun':
        RunDetailPanel.show(this.deps, m.runId);
        return;
      case 'runDetail/compareChildren':
        if (this.children.length > 0) {
          this.deps.compare(this.children.map((c) => c.runId));
        }
        return;
      case 'runDetail/showEvaluation':
        await vscode.commands.executeCommand(EVALUATION_COMMANDS.showResults, this.runId);
        return;
      case 'runDetail/openCode':
        // the run's id only: the code commands read its tags from the store themselves
        await vscode.commands.executeCommand(
          m.action === 'openAtCommit' ? CODE_COMMANDS.openAtCommit : CODE_COMMANDS.compareWithWorkspace,
          this.runId,
        );
        return;
    }
  }

  private async load(): Promise<void> {
    const signal = this.hosted.signal;
    const { tracking } = await this.deps.session.stores();
    const run = await tracking.getRun(this.runId, { signal });
    const experiment = await tracking.getExperiment(run.info.experimentId, { signal }).catch(() => undefined);
    // The models are one section of the panel: a failed logged-model search must not hide the rest.
    const models = await listRunModels(tracking, run, signal).catch((err: unknown) => {
      this.deps.log.warn(
        `Run detail ${this.runId}: cannot list its logged models: ${describeStoreError(err).detail}`,
      );
      return [];
    });
    const overview = runOverview(run, Date.now(), { experimentName: experiment?.name, models });
    this.panel.title = `Run ${overview.name}`;
    const parent =
      overview.parentId === undefined ? undefined : await this.link(tracking, overview.parentId, signal);
    this.children = await this.childRuns(tracking, run.info.experimentId, signal);
    this.post({
      type: 'runDetail/snapshot',
      runId: overview.runId,
      name: overview.name,
      status: overview.status,
      facts: overview.facts,
      parent,
      children: this.children,
      note: overview.note,
      params: overview.params,
      metrics: overview.metrics,
      tags: overview.tags,
      datasets: overview.datasets,
      models: overview.models,
    });
    if (isEvaluationRun(run)) {
      await this.postEvaluation(run, signal);
    }
    for (const m of overview.metrics.slice(0, MAX_CHARTS)) {
      const history = await tracking.getMetricHistory({ runId: this.runId, metricKey: m.key, signal });
      const s = toSeries(this.runId, m.key, history);
      const kept = decimate(s.steps, s.values, POINTS);
      // Keep the times of the points decimation kept, matched by step order.
      const times = kept.xs === s.steps ? s.times : pickTimes(s.steps, s.times, kept.xs);
      this.post({
        type: 'runDetail/series',
        metricKey: m.key,
        series: { runId: this.runId, steps: kept.xs, times, values: kept.ys },
      });
    }
  }

  /** An evaluation run's scorers; their verdict counts need its traces, whose failure is only noted. */
  private async postEvaluation(run: Run, signal: AbortSignal): Promise<void> {
    try {
      const evaluation = await evaluationOfRun(await this.deps.session.traces(), run, signal);
      this.post({
        type: 'runDetail/evaluation',
        scorers: evaluation.scorers,
        traces: evaluation.table.rows.length,
        problem: undefined,
      });
    } catch (err: unknown) {
      const { summary, detail } = describeStoreError(err);
      this.deps.log.warn(`Run detail ${this.runId}: cannot read its evaluation traces: ${detail}`);
      this.post({
        type: 'runDetail/evaluation',
        scorers: summariseScorers(scorerMetrics(run), emptyEvaluationTable(this.runId)),
        traces: 0,
        problem: `The verdicts need the run's traces, which could not be read: ${summary}.`,
      });
    }
  }

  private async link(tracking: TrackingStore, runId: string, signal: AbortSignal): Promise<RunLink> {
    try {
      return { runId, name: runLabel(await tracking.getRun(runId, { signal })) };
    } catch {
      return { runId, name: runId.slice(0, 8) };
    }
  }

  /** Child runs name this run in their `mlflow.parentRunId` tag; at most 1,000 are listed. */
  private async childRuns(
    tracking: TrackingStore,
    experimentId: string,
    signal: AbortSignal,
  ): Promise<RunLink[]> {
    const filter = `tags.${PARENT_RUN_TAG} = '${this.runId}'`;
    const page = await tracking
      .searchRuns({ experimentIds: [experimentId], filter, maxResults: 1000, signal })
      .catch(() => ({ items: [] }));
    return page.items.map((r) => ({ runId: r.info.runId, name: runLabel(r) }));
  }

  private post(message: RunDetailHostMessage): void {
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}

/** The timestamps belonging to the kept steps (both arrays sorted by step; steps may repeat). */
function pickTimes(steps: Float64Array, times: Float64Array, keptSteps: Float64Array): Float64Array {
  const out = new Float64Array(keptSteps.length);
  let j = 0;
  for (let i = 0; i < keptSteps.length; i++) {
    while (j < steps.length - 1 && (steps[j] ?? 0) < (keptSteps[i] ?? 0)) {
      j++;
    }
    out[i] = times[j] ?? 0;
  }
  return out;
}
