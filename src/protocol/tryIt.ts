import type { PredictionRow } from '../core/serving/comparePredictions';
import type { ServingSignature } from '../core/serving/servingSignature';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageCheck, type MessageChecks, type ReadyMessage } from './ipc';

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

const isContentType = (v: unknown): boolean => (TRY_IT_CONTENT_TYPES as readonly unknown[]).includes(v);

function isBody(m: Readonly<Record<'body' | 'contentType', unknown>>): boolean {
  return typeof m.body === 'string' && m.body.length <= TRY_IT_MAX_BODY && isContentType(m.contentType);
}

const isBodyMessage: MessageCheck = (m) => hasOnlyKeys(m, ['type', 'body', 'contentType']) && isBody(m);

/** What the panel may send, per type: exact shapes, bounded body, known content type, a plain server id. */
const WEBVIEW_CHECKS = {
  ready: (m) => hasOnlyKeys(m, ['type']),
  'tryIt/send': isBodyMessage,
  'tryIt/save': isBodyMessage,
  'tryIt/edited': isBodyMessage,
  'tryIt/compare': (m) =>
    hasOnlyKeys(m, ['type', 'body', 'contentType', 'otherId']) &&
    isBody(m) &&
    typeof m.otherId === 'string' &&
    /^\d{1,9}$/.test(m.otherId),
} satisfies MessageChecks<TryItWebviewMessage['type']>;

/** Guard for what the webview sends: exact shapes, bounded body, known content type, a plain server id. */
export function isTryItWebviewMessage(v: unknown): v is TryItWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

function isAnswer(m: Readonly<Record<string, unknown>>): boolean {
  return (
    typeof m.status === 'number' &&
    typeof m.statusText === 'string' &&
    typeof m.timeMs === 'number' &&
    typeof m.body === 'string' &&
    typeof m.truncated === 'boolean'
  );
}

/** One side of a comparison: an answer plus the label of the server that gave it. */
function isLabelledAnswer(v: unknown): boolean {
  return isRecord(v) && isAnswer(v) && typeof v.label === 'string';
}

function isChoices(v: unknown): boolean {
  return (
    Array.isArray(v) && v.every((c) => isRecord(c) && typeof c.id === 'string' && typeof c.label === 'string')
  );
}

function isSignature(v: unknown): boolean {
  return v === undefined || (isRecord(v) && Array.isArray(v.inputs) && Array.isArray(v.params));
}

function isRow(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.index === 'number' &&
    typeof v.left === 'string' &&
    typeof v.right === 'string' &&
    typeof v.same === 'boolean'
  );
}

const isServerState = (v: unknown): boolean => (TRY_IT_SERVER_STATES as readonly unknown[]).includes(v);

/** What the host may send, per type: the fields the panel reads, of the types it reads them as. */
const HOST_CHECKS = {
  'tryIt/init': (m) =>
    typeof m.server === 'string' &&
    typeof m.url === 'string' &&
    typeof m.body === 'string' &&
    typeof m.source === 'string' &&
    isContentType(m.contentType) &&
    isSignature(m.signature) &&
    isChoices(m.others),
  'tryIt/servers': (m) => isChoices(m.others),
  'tryIt/response': isAnswer,
  'tryIt/compared': (m) =>
    isLabelledAnswer(m.left) &&
    isLabelledAnswer(m.right) &&
    Array.isArray(m.rows) &&
    m.rows.every(isRow) &&
    typeof m.differing === 'number',
  'tryIt/error': (m) => typeof m.message === 'string',
  'tryIt/serverState': (m) =>
    typeof m.server === 'string' &&
    typeof m.url === 'string' &&
    typeof m.message === 'string' &&
    isServerState(m.state),
} satisfies MessageChecks<TryItHostMessage['type']>;

/** Guard for what the host sends. */
export function isTryItHostMessage(v: unknown): v is TryItHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
