import { StoreError } from '../../common/storeError';

/**
 * Epoch milliseconds of a protobuf Timestamp as JSON writes it (`2026-12-01T21:45:27.968Z`);
 * a number is taken as epoch milliseconds already (file-store YAML written by older clients).
 */
export function timestampMs(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  throw new StoreError('invalid-response', `Unexpected time for "${field}": ${JSON.stringify(value)}.`);
}

/**
 * Milliseconds of a protobuf Duration as JSON writes it (`"1.236s"`, `"7s"`, `"0.000500s"`),
 * read from its digits so no float rounding creeps in; undefined when absent.
 */
export function durationMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const m = typeof value === 'string' ? /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null;
  if (m === null) {
    throw new StoreError('invalid-response', `Unexpected duration for "${field}": ${JSON.stringify(value)}.`);
  }
  const fraction = (m[3] ?? '').padEnd(9, '0');
  const ms = Number(m[2]) * 1000 + Math.round(Number(fraction) / 1e6);
  return m[1] === '-' ? -ms : ms;
}
