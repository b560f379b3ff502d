import type { HostCredentials } from '../tracking/rest/hostCredentials';
import type { TrackingTarget } from './trackingUri';

/**
 * The SecretStorage key of a connection's credentials: one per server address (a base URL, or a
 * Databricks profile), so two named connections to the same server share what the user typed.
 * Local stores take no credentials.
 */
export function credentialKey(target: TrackingTarget): string | undefined {
  switch (target.kind) {
    case 'rest':
    case 'azureml':
      return `mlflow.credentials:${target.baseUrl}`;
    case 'databricks':
      return `mlflow.credentials:databricks://${target.profile ?? ''}`;
    case 'sqlite':
    case 'file':
      return undefined;
  }
}

/** Serialise credentials for SecretStorage. */
export function encodeCredentials(creds: HostCredentials): string {
  return JSON.stringify(creds);
}

/** Read back what {@link encodeCredentials} stored; anything else (a damaged entry) is ignored. */
export function decodeCredentials(text: string | undefined): HostCredentials | undefined {
  if (text === undefined) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (v.kind === 'bearer' && typeof v.token === 'string' && v.token !== '') {
    return { kind: 'bearer', token: v.token };
  }
  if (
    v.kind === 'basic' &&
    typeof v.username === 'string' &&
    typeof v.password === 'string' &&
    v.username !== ''
  ) {
    return { kind: 'basic', username: v.username, password: v.password };
  }
  return undefined;
}
