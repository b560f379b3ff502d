/**
 * Milliseconds to wait before retry number `attempt` (0-based): exponential backoff with full
 * jitter, unless the server said when to come back in `Retry-After` (seconds or an HTTP date).
 * Returns undefined when the server asks for a wait longer than `maxDelayMs`: waiting that long
 * inside one request would look like a hang, so the caller fails instead.
 */
export function retryDelay(
  attempt: number,
  retryAfter: string | undefined,
  backoffMs: number,
  maxDelayMs: number,
  now: number = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  const asked = parseRetryAfter(retryAfter, now);
  if (asked !== undefined) {
    return asked <= maxDelayMs ? asked : undefined;
  }
  const ceiling = Math.min(maxDelayMs, backoffMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` in milliseconds from now, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    return Number(v) * 1000;
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
