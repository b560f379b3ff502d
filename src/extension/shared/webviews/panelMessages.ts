import {
  isCompareWebviewMessage,
  type CompareHostMessage,
  type CompareWebviewMessage,
} from '../../../protocol/compareRuns';
import {
  isConnectionWebviewMessage,
  type ConnectionHostMessage,
  type ConnectionWebviewMessage,
} from '../../../protocol/connectionPanel';
import {
  isEvaluationWebviewMessage,
  type EvaluationHostMessage,
  type EvaluationWebviewMessage,
} from '../../../protocol/evaluation';
import type { PanelKind } from '../../../protocol/panelKinds';
import {
  isProjectRunWebviewMessage,
  type ProjectRunHostMessage,
  type ProjectRunWebviewMessage,
} from '../../../protocol/projectRun';
import {
  isRunDetailWebviewMessage,
  type RunDetailHostMessage,
  type RunDetailWebviewMessage,
} from '../../../protocol/runDetail';
import {
  isTraceDetailWebviewMessage,
  type TraceDetailHostMessage,
  type TraceDetailWebviewMessage,
} from '../../../protocol/traceDetail';
import {
  isRunsTableWebviewMessage,
  type RunsTableHostMessage,
  type RunsTableWebviewMessage,
} from '../../../protocol/runsTable';
import {
  isTryItWebviewMessage,
  type TryItHostMessage,
  type TryItWebviewMessage,
} from '../../../protocol/tryIt';

/**
 * The two message unions of each kind of panel. Keyed by {@link PanelKind}, so a kind added to the
 * registry without its messages here does not compile, and the panel host can type a panel's post
 * and its incoming messages from its kind alone.
 */
interface PanelMessageMap {
  connection: { host: ConnectionHostMessage; webview: ConnectionWebviewMessage };
  compare: { host: CompareHostMessage; webview: CompareWebviewMessage };
  runDetail: { host: RunDetailHostMessage; webview: RunDetailWebviewMessage };
  traceDetail: { host: TraceDetailHostMessage; webview: TraceDetailWebviewMessage };
  evaluation: { host: EvaluationHostMessage; webview: EvaluationWebviewMessage };
  tryIt: { host: TryItHostMessage; webview: TryItWebviewMessage };
  projectRun: { host: ProjectRunHostMessage; webview: ProjectRunWebviewMessage };
  runsTable: { host: RunsTableHostMessage; webview: RunsTableWebviewMessage };
}

/** What the host may post to a panel of kind `K`. */
export type HostMessageOf<K extends PanelKind> = PanelMessageMap[K]['host'];

/** What a panel of kind `K` may post to the host (once its guard has accepted it). */
export type WebviewMessageOf<K extends PanelKind> = PanelMessageMap[K]['webview'];

/** The protocol guard every message from a panel of kind `K` passes before its class sees it. */
export type WebviewGuard<K extends PanelKind> = (value: unknown) => value is WebviewMessageOf<K>;

/** Each kind's guard, so no panel can be hosted without the one its protocol defines. */
export const WEBVIEW_GUARDS: { readonly [K in PanelKind]: WebviewGuard<K> } = {
  connection: isConnectionWebviewMessage,
  compare: isCompareWebviewMessage,
  runDetail: isRunDetailWebviewMessage,
  traceDetail: isTraceDetailWebviewMessage,
  evaluation: isEvaluationWebviewMessage,
  tryIt: isTryItWebviewMessage,
  projectRun: isProjectRunWebviewMessage,
  runsTable: isRunsTableWebviewMessage,
};
