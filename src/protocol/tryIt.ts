import type { PredictionRow } from '../core/serving/comparePredictions';
import type { ServingSignature } from '../core/serving/servingSignature';
import { hasOnlyKeys, isMessage, type Message, type ReadyMessage } from './ipc';

/** Content types MLflow's scoring server accepts (it matches `text/csv` exactly, not application/csv). */
export const TRY_IT_CONTENT_TYPES = ['application/json', 'text/csv'] as const;
export type TryItContentType = (typeof TRY_IT_CONTENT_TYPES)[number];

/** Largest request body the panel sends (the scoring server is local; this only bounds mistakes). */
export const TRY_IT_MAX_BODY = 5 * 1024 * 1024;

/** Another running server the same request can be sent to, for a side-by-side comparison. */
export interface TryItServerChoice {
  readonly id: string;
  readonly label: string;
}

export interface TryItInit extends Message<'tryIt/init'> {
  readonly server: string;
  readonly url: string;
  readonly body: string;
  readonly contentType: TryItContentType;
  /** Where the body came from: "serving_input_example.json", "input_example.json", "signature" or "template". */
  readonly source: string;
  /** What edits are checked against; absent when the model was logged without a signature. */
  readonly signature?: ServingSignature;
  readonly others: readonly TryItServerChoice[];
}

/** The other running servers changed (one started or stopped). */
export interface TryItServers extends Message<'tryIt/servers'> {
  readonly others: readonly TryItServerChoice[];
}

/** One server's answer as the panel shows it. */
export interface TryItAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly timeMs: number;
  readonly body: string;
  readonly truncated: boolean;
}

export interface TryItResponse extends Message<'tryIt/response'>, TryItAnswer {}

/** The same request sent to two servers, with the rows whose predictions differ. */
export interface TryItCompared extends Message<'tryIt/compared'> {
  readonly left: TryItAnswer & { readonly label: string };
  readonly right: TryItAnswer & { readonly label: string };
  readonly rows: readonly PredictionRow[];
  readonly differing: number;
  readonly problem?: string;
}

export interface TryItError extends Message<'tryIt/error'> {
  readonly message: string;
}

/** States of the panel's server that the panel tells the user about. */
export const TRY_IT_SERVER_STATES = ['starting', 'running', 'stopped'] as const;
export type TryItServerStateName = (typeof TRY_IT_SERVER_STATES)[number];

/**
 * The panel's server changed: restarted (a new process, maybe on another port), restarting, or
 * stopped. The panel follows it under the same server id.
 */
export interface TryItServerState extends Message<'tryIt/serverState'> {
  readonly server: string;
  readonly url: string;
  readonly state: TryItServerStateName;
  readonly message: string;
}

export type TryItHostMessage =
  TryItInit | TryItServers | TryItResponse | TryItCompared | TryItError | TryItServerState;

export interface TryItSend extends Message<'tryIt/send'> {
  readonly body: string;
  readonly contentType: TryItContentType;
}

/** Send the body to this panel's server and to `otherId`, and compare the predictions. */
export interface TryItCompare extends Message<'tryIt/compare'> {
  readonly body: string;
  readonly contentType: TryItContentType;
  readonly otherId: string;
}

/** Save the body as a file (the host asks where with a save dialog). */
export interface TryItSave extends Message<'tryIt/save'> {
  readonly body: string;
  readonly contentType: TryItContentType;
}

/** The body or content type was edited (debounced): what "Save Request" writes when run from the palette. */
export interface TryItEdited extends Message<'tryIt/edited'> {
  readonly body: string;
  readonly contentType: TryItContentType;
}

export type TryItWebviewMessage = ReadyMessage | TryItSend | TryItCompare | TryItSave | TryItEdited;

function isBody(m: Record<string, unknown>): boolean {
  return (
    typeof m.body === 'string' &&
    m.body.length <= TRY_IT_MAX_BODY &&
    (TRY_IT_CONTENT_TYPES as readonly unknown[]).includes(m.contentType)
  );
}

/** Guard for what the webview sends: exact shapes, bounded body, known content type, a plain server id. */
export function isTryItWebviewMessage(v: unknown): v is TryItWebviewMessage {
  if (!isMessage(v)) {
    return false;
  }
  const m = v as unknown as Record<string, unknown>;
  switch (v.type) {
    case 'ready':
      return hasOnlyKeys(v, ['type']);
    case 'tryIt/send':
    case 'tryIt/save':
    case 'tryIt/edited':
      return hasOnlyKeys(v, ['type', 'body', 'contentType']) && isBody(m);
    case 'tryIt/compare':
      return (
        hasOnlyKeys(v, ['type', 'body', 'contentType', 'otherId']) &&
        isBody(m) &&
        typeof m.otherId === 'string' &&
        /^\d{1,9}$/.test(m.otherId)
      );
    default:
      return false;
  }
}

function isAnswer(m: Record<string, unknown>): boolean {
  return (
    typeof m.status === 'number' &&
    typeof m.statusText === 'string' &&
    typeof m.timeMs === 'number' &&
    typeof m.body === 'string' &&
    typeof m.truncated === 'boolean'
  );
}

function isChoices(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.every(
      (c) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as Record<string, unknown>).id === 'string' &&
        typeof (c as Record<string, unknown>).label === 'string',
    )
  );
}

function isSignature(v: unknown): boolean {
  if (v === undefined) {
    return true;
  }
  const s = v as Record<string, unknown> | null;
  return typeof s === 'object' && s !== null && Array.isArray(s.inputs) && Array.isArray(s.params);
}

function isRows(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.every((r) => {
      const o = r as Record<string, unknown> | null;
      return (
        typeof o === 'object' &&
        o !== null &&
        typeof o.index === 'number' &&
        typeof o.left === 'string' &&
        typeof o.right === 'string' &&
        typeof o.same === 'boolean'
      );
    })
  );
}

/** Guard for what the host sends. */
export function isTryItHostMessage(v: unknown): v is TryItHostMessage {
  if (!isMessage(v)) {
    return false;
  }
  const m = v as unknown as Record<string, unknown>;
  switch (v.type) {
    case 'tryIt/init':
      return (
        typeof m.server === 'string' &&
        typeof m.url === 'string' &&
        typeof m.body === 'string' &&
        typeof m.source === 'string' &&
        (TRY_IT_CONTENT_TYPES as readonly unknown[]).includes(m.contentType) &&
        isSignature(m.signature) &&
        isChoices(m.others)
      );
    case 'tryIt/servers':
      return isChoices(m.others);
    case 'tryIt/response':
      return isAnswer(m);
    case 'tryIt/compared': {
      const l = m.left as Record<string, unknown> | null;
      const r = m.right as Record<string, unknown> | null;
      return (
        typeof l === 'object' &&
        l !== null &&
        isAnswer(l) &&
        typeof l.label === 'string' &&
        typeof r === 'object' &&
        r !== null &&
        isAnswer(r) &&
        typeof r.label === 'string' &&
        isRows(m.rows) &&
        typeof m.differing === 'number'
      );
    }
    case 'tryIt/error':
      return typeof m.message === 'string';
    case 'tryIt/serverState':
      return (
        typeof m.server === 'string' &&
        typeof m.url === 'string' &&
        typeof m.message === 'string' &&
        (TRY_IT_SERVER_STATES as readonly unknown[]).includes(m.state)
      );
    default:
      return false;
  }
}
