/**
 * Why a store call failed, as a closed set the UI can branch on (retry, sign in, fix the URI…).
 * `api` is an answer from MLflow itself (`{error_code, message}`); the others are failures around it.
 * `tls` is a certificate or handshake failure; `host-rejected` is an MLflow 3.5+ server refusing
 * the Host header it was reached by (its DNS-rebinding guard).
 */
export type StoreErrorKind =
  | 'api'
  | 'not-mlflow'
  | 'network'
  | 'tls'
  | 'host-rejected'
  | 'timeout'
  | 'cancelled'
  | 'too-large'
  | 'invalid-response'
  | 'not-found'
  | 'unsupported'
  | 'read-only';

/** Details attached to a {@link StoreError}; none of them ever carries a credential. */
export interface StoreErrorDetails {
  /** MLflow's `error_code` (e.g. `RESOURCE_DOES_NOT_EXIST`) when the server sent one. */
  readonly errorCode?: string;
  /** The HTTP status, for REST stores. */
  readonly status?: number;
  /** `METHOD /path` of the failed request, without query string or headers. */
  readonly request?: string;
  readonly cause?: unknown;
  /** The MLflow workspace the request was scoped to (`X-MLFLOW-WORKSPACE`), when one was. */
  readonly workspace?: string;
}

/**
 * The one error type every store throws. Use {@link StoreError.is} rather than `instanceof` so
 * errors crossing bundle boundaries (two copies of this module) are still recognised.
 */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly errorCode: string | undefined;
  readonly status: number | undefined;
  readonly request: string | undefined;
  readonly workspace: string | undefined;
  private readonly storeErrorBrand = true;

  constructor(kind: StoreErrorKind, message: string, details: StoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    this.kind = kind;
    this.errorCode = details.errorCode;
    this.status = details.status;
    this.request = details.request;
    this.workspace = details.workspace;
  }

  /** True for a StoreError (optionally of one kind), from this or another copy of the module. */
  static is(value: unknown, kind?: StoreErrorKind): value is StoreError {
    if (typeof value !== 'object' || value === null || !('storeErrorBrand' in value)) {
      return false;
    }
    return kind === undefined || (value as { readonly kind?: unknown }).kind === kind;
  }

  /** True when MLflow said the thing asked for does not exist (404 or `RESOURCE_DOES_NOT_EXIST`). */
  static isNotFound(value: unknown): boolean {
    return (
      StoreError.is(value) && (value.kind === 'not-found' || value.errorCode === 'RESOURCE_DOES_NOT_EXIST')
    );
  }
}
