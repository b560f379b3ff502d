import { hasOnlyKeys, isMessage, type Message, type ReadyMessage } from './ipc';

/** Content types MLflow's scoring server accepts (it matches `text/csv` exactly, not application/csv). */
export const TRY_IT_CONTENT_TYPES = ['application/json', 'text/csv'] as const;
export type TryItContentType = (typeof TRY_IT_CONTENT_TYPES)[number];

/** Largest request body the panel sends (the scoring server is local; this only bounds mistakes). */
export const TRY_IT_MAX_BODY = 5 * 1024 * 1024;

export interface TryItInit extends Message<'tryIt/init'> {
  readonly server: string;
  readonly url: string;
  readonly body: string;
  readonly contentType: TryItContentType;
  /** Where the body came from: "serving_input_example.json", "input_example.json" or "template". */
  readonly source: string;
}

export interface TryItResponse extends Message<'tryIt/response'> {
  readonly status: number;
  readonly statusText: string;
  readonly timeMs: number;
  readonly body: string;
  readonly truncated: boolean;
}

export interface TryItError extends Message<'tryIt/error'> {
  readonly message: string;
}

export type TryItHostMessage = TryItInit | TryItResponse | TryItError;

export interface TryItSend extends Message<'tryIt/send'> {
  readonly body: string;
  readonly contentType: TryItContentType;
}

export type TryItWebviewMessage = ReadyMessage | TryItSend;

/** Guard for what the webview sends: exact shapes, bounded body, known content type. */
export function isTryItWebviewMessage(v: unknown): v is TryItWebviewMessage {
  if (!isMessage(v)) {
    return false;
  }
  if (v.type === 'ready') {
    return hasOnlyKeys(v, ['type']);
  }
  if (v.type !== 'tryIt/send' || !hasOnlyKeys(v, ['type', 'body', 'contentType'])) {
    return false;
  }
  const m = v as { body?: unknown; contentType?: unknown };
  return (
    typeof m.body === 'string' &&
    m.body.length <= TRY_IT_MAX_BODY &&
    (TRY_IT_CONTENT_TYPES as readonly unknown[]).includes(m.contentType)
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
      return typeof m.server === 'string' && typeof m.url === 'string' && typeof m.body === 'string' && typeof m.source === 'string' && (TRY_IT_CONTENT_TYPES as readonly unknown[]).includes(m.contentType);
    case 'tryIt/response':
      return typeof m.status === 'number' && typeof m.statusText === 'string' && typeof m.timeMs === 'number' && typeof m.body === 'string' && typeof m.truncated === 'boolean';
    case 'tryIt/error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}
