import type { OffsetRange } from '../yaml/yamlAst';

/** A `{name}` replacement field of an entry point's command. */
export interface Placeholder {
  readonly name: string;
  /** Offsets of the whole field, braces included, in the decoded command text. */
  readonly range: OffsetRange;
}

/**
 * The replacement fields of a command. MLflow fills them with Python's `str.format`, so `{{` and
 * `}}` are literal braces and a field name ends at `.`, `[`, `!` or `:`.
 */
export function commandPlaceholders(command: string): Placeholder[] {
  const out: Placeholder[] = [];
  let i = 0;
  while (i < command.length) {
    const ch = command[i];
    if ((ch === '{' || ch === '}') && command[i + 1] === ch) {
      i += 2;
      continue;
    }
    if (ch !== '{') {
      i++;
      continue;
    }
    const close = command.indexOf('}', i + 1);
    if (close < 0) {
      break;
    }
    const field = command.slice(i + 1, close);
    const name = /^[^.[!:]*/.exec(field)?.[0] ?? '';
    out.push({ name, range: { start: i, end: close + 1 } });
    i = close + 1;
  }
  return out;
}
