import * as vscode from 'vscode';
import {
  experimentRef,
  experimentRefKey,
  loadFileLensData,
  type ExperimentRef,
} from '../../core/code/loadFileLensData';
import { lensSpecs, type FileLensData } from '../../core/code/metricLenses';
import { findMlflowCalls, type MlflowCall } from '../../core/code/mlflowCalls';
import type { StoreSession } from '../connection';
import { CODE_COMMANDS } from '../shared/commandIds/codeCommandIds';
import { autoRefreshMs, mlflowConfig, SETTINGS } from '../shared/config';

interface CachedData {
  readonly loaded: Promise<FileLensData | undefined>;
  readonly at: number;
}

/**
 * CodeLenses over Python files and notebook cells that call MLflow. Parsing is per document
 * version (cheap and pure); the store is read once per file and experiment and kept until the
 * explorer refreshes, its poll brings a change, the connection changes, or `autoRefreshSeconds`
 * pass — never per keystroke.
 */
export class MetricCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly parsed = new Map<string, { version: number; calls: MlflowCall[] }>();
  private readonly data = new Map<string, CachedData>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly session: StoreSession,
    refreshed: vscode.Event<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      refreshed(() => {
        this.invalidate();
      }),
      session.onDidChange(() => {
        this.invalidate();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.parsed.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mlflow.${SETTINGS.codeLensMetrics}`)) {
          this.changed.fire();
        }
      }),
    );
  }

  /** Forget the store data (not the parses): the lenses ask again once, then show the new data. */
  invalidate(): void {
    if (this.data.size > 0) {
      this.data.clear();
      this.changed.fire();
    }
  }

  /** The file's MLflow calls, parsed once per version. */
  calls(document: vscode.TextDocument): MlflowCall[] {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) {
      return cached.calls;
    }
    const calls = findMlflowCalls(document.getText());
    this.parsed.set(key, { version: document.version, calls });
    return calls;
  }

  /** The store data of a document's lenses (loaded now if not cached); undefined without MLflow calls. */
  async dataFor(document: vscode.TextDocument): Promise<FileLensData | undefined> {
    const calls = this.calls(document);
    return calls.length === 0 ? undefined : this.fileData(experimentRef(calls), sourcePath(document));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!mlflowConfig(document).get<boolean>(SETTINGS.codeLensMetrics, true)) {
      return [];
    }
    const calls = this.calls(document);
    if (calls.length === 0) {
      return [];
    }
    const ref = experimentRef(calls);
    const data = await this.fileData(ref, sourcePath(document));
    if (data === undefined) {
      // no connection, or the store failed (logged): no lens rather than a wrong "no runs yet"
      return [];
    }
    const experimentId = data.experiment?.experimentId;
    const latest = data.fileRuns.map((r) => r.info.runId);
    return lensSpecs(calls, data).map((spec) => {
      const at = document.positionAt(spec.offset);
      const range = new vscode.Range(at.line, 0, at.line, 0);
      const command: vscode.Command =
        spec.action === 'openExperiment' && experimentId !== undefined
          ? {
              title: spec.title,
              tooltip: spec.tooltip,
              command: CODE_COMMANDS.openExperiment,
              arguments: [experimentId],
            }
          : spec.action === 'compareLatest'
            ? {
                title: spec.title,
                tooltip: spec.tooltip,
                command: CODE_COMMANDS.compareLatestRuns,
                arguments: [latest],
              }
            : { title: spec.title, tooltip: spec.tooltip, command: '' };
      return new vscode.CodeLens(range, command);
    });
  }

  /** The cached data of one file and experiment; loaded once, failures logged and shown as none. */
  private fileData(ref: ExperimentRef, filePath: string): Promise<FileLensData | undefined> {
    const key = `${experimentRefKey(ref)}\n${filePath}`;
    const cached = this.data.get(key);
    const ttl = autoRefreshMs();
    if (cached !== undefined && (ttl === 0 || Date.now() - cached.at < ttl)) {
      return cached.loaded;
    }
    const loaded = this.session
      .stores()
      .then((stores) => loadFileLensData(stores.tracking, ref, filePath))
      .catch((err: unknown) => {
        this.log.warn(`MLflow lenses for ${filePath}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
    this.data.set(key, { loaded, at: Date.now() });
    return loaded;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}

/** The path a run from this document records: the file, or for a notebook cell its notebook. */
function sourcePath(document: vscode.TextDocument): string {
  return document.uri.scheme === 'vscode-notebook-cell' ? document.uri.path : document.uri.fsPath;
}
