import { isRecord } from './exactKeys';

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
  return isRecord(value) && typeof value.type === 'string';
}

/** One message type's rule: gets the message's fields (its `type` already matched), each still `unknown`. */
export type MessageCheck = (m: Readonly<Record<string, unknown>>) => boolean;

/**
 * A guard's rules as a table, one entry per message type it accepts. Declare one with
 * `satisfies MessageChecks<Union['type']>` so the compiler insists on a rule for every type.
 */
export type MessageChecks<T extends string> = { readonly [K in T]: MessageCheck };

/**
 * Runs the rule for `value`'s type. Why a table and not a switch: each type's rule stays a small
 * entry of its own, and a type the table lacks, even one every object inherits ("toString",
 * "__proto__"), is refused rather than looked up on the prototype.
 */
export function checkMessage(
  checks: Readonly<Partial<Record<string, MessageCheck>>>,
  value: unknown,
): boolean {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(checks, value.type)) {
    return false;
  }
  const check = checks[value.type];
  return check !== undefined && check(value);
}
