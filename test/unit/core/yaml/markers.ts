/**
 * Cursor markers for language-feature tests, in the bookend style of yaml-language-server's
 * tests: `|x|` marks a caret, `|[|` and `|]|` mark the start and end of an expected range.
 * Markers are removed; offsets refer to the clean text.
 */
export interface Marked {
  readonly text: string;
  readonly caret: number;
  readonly start: number;
  readonly end: number;
}

const MARKERS = ['|x|', '|[|', '|]|'] as const;

/** Strip the markers from `marked` and return where each one was. Missing markers give -1. */
export function parseMarkers(marked: string): Marked {
  const found: Record<string, number> = {};
  let text = marked;
  for (;;) {
    let first: { marker: string; at: number } | undefined;
    for (const marker of MARKERS) {
      const at = text.indexOf(marker);
      if (at >= 0 && (first === undefined || at < first.at)) {
        first = { marker, at };
      }
    }
    if (!first) {
      break;
    }
    if (found[first.marker] !== undefined) {
      throw new Error(`Marker ${first.marker} appears twice`);
    }
    found[first.marker] = first.at;
    text = text.slice(0, first.at) + text.slice(first.at + first.marker.length);
  }
  return { text, caret: found['|x|'] ?? -1, start: found['|[|'] ?? -1, end: found['|]|'] ?? -1 };
}

/** Line/character of an offset, computed independently of the code under test. */
export function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}
