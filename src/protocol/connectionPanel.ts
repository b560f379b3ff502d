import { hasOnlyKeys, isRecord } from './exactKeys';
import { isMessage, type Message, type ReadyMessage } from './ipc';

/** What the connection panel shows: a complete snapshot, never a delta. */
export interface ConnectionSnapshot {
  readonly connected: boolean;
  /** "rest" | "sqlite" | "file" | "databricks" | "azureml", or undefined when not connected. */
  readonly kind: string | undefined;
  /** The URI with any password removed. */
  readonly display: string | undefined;
  /** "setting" | "environment" | "dotenv" | "workspace" (the webview shows it with `connectionSourceLabel`). */
  readonly source: string | undefined;
  readonly readOnly: boolean;
  /** Why the configured URI could not be used, when it could not. */
  readonly problem: string | undefined;
  /** The MLflow workspace chosen for this connection (3.10+ servers), when one is. */
  readonly workspace: string | undefined;
  /** Whether Switch Workspace applies (a server or an mlflow.db; an mlruns folder has none). */
  readonly canSwitchWorkspace: boolean;
}

export interface SnapshotMessage extends Message<'connection/snapshot'> {
  readonly snapshot: ConnectionSnapshot;
}

export type ConnectionHostMessage = SnapshotMessage;

export type SwitchMessage = Message<'connection/switch'>;
export type ShowLogsMessage = Message<'connection/showLogs'>;
export type SwitchWorkspaceMessage = Message<'connection/switchWorkspace'>;

export type ConnectionWebviewMessage =
  ReadyMessage | SwitchMessage | ShowLogsMessage | SwitchWorkspaceMessage;

const FROM_WEBVIEW: readonly ConnectionWebviewMessage['type'][] = [
  'ready',
  'connection/switch',
  'connection/showLogs',
  'connection/switchWorkspace',
];

/** Guard for messages arriving at the host from the connection panel: exact type, no extra fields. */
export function isConnectionWebviewMessage(value: unknown): value is ConnectionWebviewMessage {
  return (
    isMessage(value) &&
    (FROM_WEBVIEW as readonly string[]).includes(value.type) &&
    hasOnlyKeys(value, ['type'])
  );
}

/** Guard for messages arriving at the webview from the host. */
export function isConnectionHostMessage(value: unknown): value is ConnectionHostMessage {
  if (!isRecord(value) || value.type !== 'connection/snapshot') {
    return false;
  }
  const s = value.snapshot;
  if (!isRecord(s)) {
    return false;
  }
  const optString = (k: string): boolean => s[k] === undefined || typeof s[k] === 'string';
  return (
    typeof s.connected === 'boolean' &&
    typeof s.readOnly === 'boolean' &&
    typeof s.canSwitchWorkspace === 'boolean' &&
    optString('workspace') &&
    optString('kind') &&
    optString('display') &&
    optString('source') &&
    optString('problem')
  );
}
