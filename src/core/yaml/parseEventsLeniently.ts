import { parseEvents, type Event } from 'js-yaml';

/** Events of a text, and the lines whose flow content had to be re-indented to parse. */
export interface LenientEvents {
  readonly events: Event[];
  /** Offsets (in the original text) of line starts that were under-indented inside `{...}`/`[...]`. */
  readonly reindented: readonly number[];
}

const MAX_RETRIES = 10;
const OFFSET_KEYS = [
  'start',
  'valueStart',
  'valueEnd',
  'anchorStart',
  'anchorEnd',
  'tagStart',
  'tagEnd',
] as const;

function remapEvent(event: Event, inserted: readonly number[]): Event {
  const copy: Record<string, unknown> = { ...event };
  for (const key of OFFSET_KEYS) {
    const value = copy[key];
    if (typeof value === 'number' && value >= 0) {
      copy[key] = value - inserted.filter((q) => q < value).length;
    }
  }
  return copy as unknown as Event;
}

function isDeficientIndentation(error: unknown): error is { mark: { position: number } } {
  const reason = (error as { reason?: unknown } | null)?.reason;
  const position = (error as { mark?: { position?: unknown } } | null)?.mark?.position;
  return reason === 'deficient indentation' && typeof position === 'number';
}

/**
 * Parse events like js-yaml, but accept what PyYAML (and so MLflow) accepts: a flow collection
 * whose continuation lines sit at the key's indentation, such as a closing `}` in column 0. YAML
 * 1.2 wants them indented one more; MLflow's own test models do not, so such lines are parsed as
 * if indented by one space, offsets are mapped back, and the caller reports a warning.
 * Throws the original error when the text is broken in any other way.
 */
export function parseEventsLeniently(text: string, maxDepth: number): LenientEvents {
  let patched = text;
  const inserted: number[] = [];
  let firstError: unknown;
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    try {
      const events = parseEvents(patched, { maxDepth });
      if (inserted.length === 0) {
        return { events, reindented: [] };
      }
      const sorted = [...inserted].sort((a, b) => a - b);
      return { events: events.map((e) => remapEvent(e, sorted)), reindented: sorted.map((q, k) => q - k) };
    } catch (error: unknown) {
      firstError ??= error;
      if (!isDeficientIndentation(error) || attempt === MAX_RETRIES) {
        throw firstError;
      }
      const lineStart = patched.lastIndexOf('\n', error.mark.position - 1) + 1;
      // Only lines after an unclosed bracket are forgiven; a misplaced block key stays an error.
      const before = patched.slice(0, lineStart);
      const insideFlow =
        before.lastIndexOf('{') > before.lastIndexOf('}') ||
        before.lastIndexOf('[') > before.lastIndexOf(']');
      if (!insideFlow) {
        throw firstError;
      }
      for (let k = 0; k < inserted.length; k++) {
        if ((inserted[k] ?? 0) >= lineStart) {
          inserted[k] = (inserted[k] ?? 0) + 1;
        }
      }
      inserted.push(lineStart);
      patched = `${patched.slice(0, lineStart)} ${patched.slice(lineStart)}`;
    }
  }
  throw firstError;
}
