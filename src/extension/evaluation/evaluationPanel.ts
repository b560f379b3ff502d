import * as vscode from 'vscode';
import { compareEvaluations } from '../../core/evaluation/compareEvaluations';
import { loadEvaluation, type LoadedEvaluation } from '../../core/evaluation/loadEvaluation';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { runLabel } from '../../core/explorer/runSummary';
import {
  isEvaluationRunIds,
  type EvaluationHostMessage,
  type EvaluationRunRef,
  type EvaluationViewState,
  type EvaluationWebviewMessage,
} from '../../protocol/evaluation';
import type { StoreSession } from '../connection';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

export interface EvaluationDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly session: StoreSession;
}

/** Evaluation panels by the run ids they show ("a" for results, "a,b" for a comparison). */
const panels = new PanelHost<'evaluation', string, EvaluationPanel>({
  kind: 'evaluation',
  what: 'an evaluation results panel',
});

const refOf = (e: LoadedEvaluation): EvaluationRunRef => ({ runId: e.run.info.runId, name: runLabel(e.run) });

/**
 * One evaluation run's results (a row per trace it produced, a column per scorer), or two
 * evaluation runs joined by request with the rows whose verdict changed marked. Built on the
 * host from the trace store and sent whole; a row click opens the trace panel.
 */
export class EvaluationPanel implements vscode.Disposable {
  private loaded: Promise<void> | undefined;

  static show(deps: EvaluationDeps, runIds: readonly string[]): EvaluationPanel {
    const title = runIds.length === 1 ? 'Evaluation results' : 'Evaluation comparison';
    return panels.show(runIds.join(','), title, deps, (hosted) => new EvaluationPanel(hosted, deps, runIds));
  }

  /** Bring back evaluation panels after a reload, for the runs their webview saved (checked). */
  static registerSerializer(deps: EvaluationDeps): vscode.Disposable {
    return panels.registerSerializer((panel, state) => {
      const runIds = (state as Partial<EvaluationViewState> | undefined)?.runIds;
      if (isEvaluationRunIds(runIds)) {
        panels.revive(runIds.join(','), panel, deps, (hosted) => new EvaluationPanel(hosted, deps, runIds));
      } else {
        panel.dispose();
      }
    });
  }

  static all(): readonly EvaluationPanel[] {
    return panels.all();
  }

  static disposeAll(): void {
    panels.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'evaluation'>,
    private readonly deps: EvaluationDeps,
    readonly runIds: readonly string[],
  ) {}

  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** Resolves when the last load requested has posted its results or error. */
  whenLoaded(): Promise<void> {
    return this.loaded ?? Promise.resolve();
  }

  async onMessage(message: EvaluationWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'evaluation/refresh':
        this.loaded = this.load();
        return;
      case 'evaluation/openTrace':
        await vscode.commands.executeCommand(TRACE_COMMANDS.openTrace, message.traceId);
        return;
    }
  }

  private load(): Promise<void> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Loading evaluation results' },
        async () => {
          try {
            await this.show();
          } catch (err: unknown) {
            if (!this.hosted.signal.aborted) {
              const { summary, detail } = describeStoreError(err);
              this.deps.log.warn(`Evaluation ${this.runIds.join(' vs ')}: ${detail}`);
              this.post({ type: 'evaluation/error', message: `Cannot show the evaluation: ${summary}.` });
            }
          }
        },
      ),
    );
  }

  private async show(): Promise<void> {
    const signal = this.hosted.signal;
    const { tracking } = await this.deps.session.stores();
    const traces = await this.deps.session.traces();
    const loaded = await Promise.all(this.runIds.map((id) => loadEvaluation(tracking, traces, id, signal)));
    // The older run is the baseline, whichever order the runs were picked or selected in.
    const [first, second] = loaded.sort((a, b) => (a.run.info.startTime ?? 0) - (b.run.info.startTime ?? 0));
    if (first === undefined) {
      return;
    }
    if (second === undefined) {
      this.panel.title = `Evaluation ${refOf(first).name}`;
      this.post({
        type: 'evaluation/results',
        run: refOf(first),
        scorers: first.scorers,
        table: first.table,
      });
    } else {
      this.panel.title = `Evaluation ${refOf(first).name} ↔ ${refOf(second).name}`;
      this.post({
        type: 'evaluation/comparison',
        first: refOf(first),
        second: refOf(second),
        comparison: compareEvaluations(first.table, second.table),
      });
    }
    this.hosted.mark('snapshot');
  }

  private post(message: EvaluationHostMessage): void {
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}
