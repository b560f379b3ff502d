import { StoreError } from '../../common/storeError';

/**
 * A span id as 16 lowercase hex digits, whichever way it was written: sqlite and assessments
 * store hex, OTLP JSON and MLflow's span JSON base64 of the 8 bytes (`aTaSi+OehmE=`).
 */
export function spanIdHex(value: string): string {
  if (/^[0-9a-fA-F]{16}$/.test(value)) {
    return value.toLowerCase();
  }
  // Plain or URL-safe base64 of exactly 8 bytes (12 characters with one "=").
  if (/^[A-Za-z0-9+/_-]{11}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 8) {
      return bytes.toString('hex');
    }
  }
  throw new StoreError('invalid-response', `Unexpected span id ${JSON.stringify(value)}.`);
}

/** A parent id: absent, null or "" on the root span. */
export function optSpanIdHex(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new StoreError('invalid-response', `Unexpected span id ${JSON.stringify(value)}.`);
  }
  return spanIdHex(value);
}
