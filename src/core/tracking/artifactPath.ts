import { StoreError } from '../common/storeError';

/** Largest artifact read into memory unless the caller says otherwise. */
export const DEFAULT_MAX_ARTIFACT_BYTES = 50 * 1024 * 1024;

/**
 * Normalise an artifact path relative to a run's artifact root, refusing anything that could
 * leave it (absolute paths, drive letters, `..` segments, NUL) before any request or disk read.
 * Errors match the server's answer to the same path (`INVALID_PARAMETER_VALUE`, "Invalid path").
 */
export function checkArtifactPath(raw: string | undefined): string {
  const p = (raw ?? '').replace(/\\/g, '/');
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.includes('\0') || segments.includes('..')) {
    throw new StoreError('api', 'Invalid path', { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
  }
  return segments.join('/');
}
