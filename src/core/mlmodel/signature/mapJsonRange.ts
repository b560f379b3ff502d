import type { OffsetRange } from '../../yaml/yamlAst';
import type { ScalarOffsets } from '../../yaml/scalarOffsets';

/**
 * Map a range in decoded JSON text back to the YAML source, through quoting, escapes and folded
 * line breaks. An escape (`\"`, `\u0041`) is covered whole when it is the last character.
 */
export function mapJsonRange(decoded: ScalarOffsets, range: OffsetRange, source: string): OffsetRange {
  const { offsets } = decoded;
  const last = offsets.length - 1;
  const start = offsets[Math.min(Math.max(range.start, 0), last)] ?? 0;
  if (range.end <= range.start) {
    return { start, end: start };
  }
  const lastChar = offsets[Math.min(range.end - 1, last)] ?? start;
  const next = offsets[Math.min(range.end, last)] ?? lastChar + 1;
  const end =
    source[lastChar] === '\\' ? Math.max(lastChar + 1, Math.min(next, lastChar + 10)) : lastChar + 1;
  return { start, end: Math.max(end, start) };
}
