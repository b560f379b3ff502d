import { displayText } from '../explorer/displayText';

/** Longest answer a tool gives (characters): enough for a model, small enough for its context. */
export const MAX_TOOL_OUTPUT = 24_000;
/** Longest name (run, experiment, model, key) a tool repeats. */
export const MAX_NAME = 200;
/** Longest value (param, tag, preview) a tool repeats. */
export const MAX_VALUE = 500;

/**
 * A server string made inert for a model's context: control and bidi characters made visible
 * and cut at `max` (a 1 MB run name becomes 200 characters and an ellipsis). Markup stays the
 * plain text it is: nothing here is rendered.
 */
export function clip(value: string, max?: number): string;
export function clip(value: string | undefined, max?: number): string | undefined;
export function clip(value: string | undefined, max = MAX_NAME): string | undefined {
  return value === undefined ? undefined : displayText(value, max);
}

/** A metric value as JSON can carry it: NaN and ±Infinity as strings, since JSON has no such numbers. */
export function jsonNumber(value: number): number | string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value) || Math.abs(value) >= 1.7976931348623157e308) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  return value;
}

/** An epoch-milliseconds time as ISO-8601, or undefined. */
export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) || ms <= 0 ? undefined : new Date(ms).toISOString();
}

/** The first `max` items and, when some were left out, a note saying how many. */
export function firstItems<T>(items: readonly T[], max: number, what: string): { items: T[]; note?: string } {
  if (items.length <= max) {
    return { items: [...items] };
  }
  return { items: items.slice(0, max), note: `showing ${String(max)} of ${String(items.length)} ${what}` };
}

/**
 * The final text of a tool: JSON with two-space indents, cut at {@link MAX_TOOL_OUTPUT} with a
 * line saying so (every tool bounds its lists first, so the cut is a last resort).
 */
export function toolText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return boundText(text);
}

/** Cut a text at {@link MAX_TOOL_OUTPUT} with a line saying so. */
export function boundText(text: string): string {
  if (text.length <= MAX_TOOL_OUTPUT) {
    return text;
  }
  return `${text.slice(0, MAX_TOOL_OUTPUT)}\n[output cut at ${String(MAX_TOOL_OUTPUT)} of ${String(text.length)} characters; ask for fewer results]`;
}

/** Drop undefined fields so the JSON stays short. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
