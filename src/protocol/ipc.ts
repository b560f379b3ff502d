/**
 * Shared shape of every message between the extension host and a webview: a `type` tag naming
 * the message, namespaced by panel ("connection/snapshot"). Each panel's protocol file narrows
 * it to a discriminated union and ships a guard, so neither side trusts a message it has not checked.
 */
export interface Message<T extends string = string> {
  readonly type: T;
}

/** The handshake every webview sends once its script runs; the host sends nothing before it. */
export type ReadyMessage = Message<'ready'>;

/** True when `value` is a plain object carrying a string `type` (the least any message must be). */
export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** True when `value` is an object whose own keys are all in `allowed` (rejects smuggled fields). */
export function hasOnlyKeys(value: object, allowed: readonly string[]): boolean {
  return Object.keys(value).every((k) => allowed.includes(k));
}
