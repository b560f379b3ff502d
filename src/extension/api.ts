import type { Stores } from '../core/stores/openStores';
import type { ChildConnectionEnv, ConnectionState } from './connection';
import type { CodeFeature } from './code';
import type { AiTools } from './aiTools';
import type { ComparePanels } from './compare';
import type { EvaluationPanels } from './evaluation';
import type { Explorer } from './explorer';
import type { Prompts } from './prompts';
import type { RunsTables } from './runsTable';
import type { ModelServerInfo } from './serving';
import type { PanelProbe } from './shared/webviews/panelProbe';
import type { OpenWebviewPanel } from './shared/webviews/webviewHtml';

/**
 * What `activate()` returns to other extensions (and to our in-host tests): a read-only view of the
 * active connection. Stable across versions; grows only by addition.
 */
export interface MlflowExtensionApi {
  /** The active connection right now. */
  readonly connection: () => ConnectionState;
  /** The active connection's tracking and registry stores (read-only for local stores). */
  readonly stores: () => Promise<Stores>;
  /** What a child `mlflow` process of the active connection gets: its tracking URI and env vars. */
  readonly childEnvironment: () => Promise<ChildConnectionEnv>;
  /** The Experiments and Models views: their data, trees and a way to reveal a run. */
  readonly explorer: Explorer;
  /** The Prompts view: its tree of prompts, versions and their details. */
  readonly prompts: Prompts;
  /** The run detail and compare panels and the comparison basket. */
  readonly panels: ComparePanels;
  readonly evaluations: EvaluationPanels;
  /** Runs ↔ code: the metric lenses and the repositories runs were found in. */
  readonly code: CodeFeature;
  /** The runs tables open (one per experiment). */
  readonly runsTables: RunsTables;
  /** The local model servers this window started. */
  readonly servers: () => readonly ModelServerInfo[];
  /** Resolves once the first search of the workspace for a local store has finished. */
  readonly discovered: Promise<void>;
  /** Milliseconds `activate()` took, measured inside it (reported by `npm run bench`). */
  readonly activationMs: number;
  /** The model URI the last "MLflow: Log Model" in this window printed, if any. */
  readonly lastLoggedModelUri: () => string | undefined;
  /** Every command id registered through the one error-reporting path (shared/errors/withErrorReport). */
  readonly reportedCommands: () => readonly string[];
  /** Every webview panel of this extension open right now, with its kind (all panels are made by one host). */
  readonly webviewPanels: () => readonly OpenWebviewPanel[];
  /**
   * What each open panel's host posted to its webview, what the webview last reported, and the
   * phases it marked (the bench times the compare panel's first load by them).
   */
  readonly panelProbe: PanelProbe;
  /** The MLflow language model tools this window registered, by name (empty without the lm API). */
  readonly aiTools: AiTools;
}
