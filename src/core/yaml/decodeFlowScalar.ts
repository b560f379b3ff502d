import type { ScalarOffsets } from './scalarOffsets';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Collects decoded text in runs, with one source offset per UTF-16 unit. */
class Output {
  private readonly parts: string[] = [];
  private offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.offsets = new Int32Array(capacity + 16);
  }

  private reserve(extra: number): void {
    if (this.length + extra + 1 > this.offsets.length) {
      const grown = new Int32Array((this.length + extra + 1) * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
  }

  /** Append `source[from, to)` verbatim. */
  run(source: string, from: number, to: number): void {
    if (to <= from) {
      return;
    }
    this.reserve(to - from);
    this.parts.push(source.slice(from, to));
    for (let i = from; i < to; i++) {
      this.offsets[this.length++] = i;
    }
  }

  /** Append `text` (an escape's or a fold's result) as coming from source offset `at`. */
  add(text: string, at: number): void {
    this.reserve(text.length);
    this.parts.push(text);
    for (let n = 0; n < text.length; n++) {
      this.offsets[this.length++] = at;
    }
  }

  finish(end: number): ScalarOffsets {
    this.reserve(0);
    this.offsets[this.length] = end;
    return { text: this.parts.join(''), offsets: this.offsets.subarray(0, this.length + 1) };
  }
}

/**
 * The end of a run without the blanks a line break folds away. Runs end at every escape, so the
 * blanks an escape produces (`\t`) are never trimmed, as YAML requires.
 */
function trimBlanks(source: string, from: number, to: number): number {
  let end = to;
  while (end > from && isBlank(source[end - 1])) {
    end--;
  }
  return end;
}

/**
 * Decode the text between `start` and `end` of a plain, single- or double-quoted scalar, folding
 * line breaks as YAML flow scalars do and resolving escapes, with the source offset of every unit.
 */
export function decodeFlowScalar(
  source: string,
  start: number,
  end: number,
  style: 'plain' | 'single' | 'double',
): ScalarOffsets {
  const out = new Output(end - start);
  const special = style === 'single' ? /[\r\n']/g : style === 'double' ? /[\r\n\\]/g : /[\r\n]/g;
  let i = start;
  while (i < end) {
    special.lastIndex = i;
    const match = special.exec(source);
    const at = match && match.index < end ? match.index : end;
    const c = source[at];
    if (at >= end || c === undefined) {
      out.run(source, i, end);
      break;
    }
    if (isBreak(c)) {
      out.run(source, i, trimBlanks(source, i, at));
      i = fold(source, at, end, out);
      continue;
    }
    out.run(source, i, at);
    i = style === 'single' ? singleQuote(source, at, out) : escape(source, at, end, out);
  }
  return out.finish(end);
}

/** A line break (and any blank lines after it) becomes a space, or one newline per blank line. */
function fold(source: string, at: number, end: number, out: Output): number {
  let i = at + (source[at] === '\r' && source[at + 1] === '\n' ? 2 : 1);
  const emptyLines: number[] = [];
  for (;;) {
    while (i < end && isBlank(source[i])) {
      i++;
    }
    if (i < end && isBreak(source[i])) {
      emptyLines.push(i);
      i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    break;
  }
  if (emptyLines.length === 0) {
    out.add(' ', at);
  }
  for (const line of emptyLines) {
    out.add('\n', line);
  }
  return i;
}

/** `''` inside a single-quoted scalar is one quote. */
function singleQuote(source: string, at: number, out: Output): number {
  out.add("'", at);
  return source[at + 1] === "'" ? at + 2 : at + 1;
}

/** A backslash escape inside a double-quoted scalar. */
function escape(source: string, at: number, end: number, out: Output): number {
  const next = source[at + 1] ?? '';
  if (isBreak(next)) {
    // An escaped line break joins the lines with nothing in between.
    let i = at + (next === '\r' && source[at + 2] === '\n' ? 3 : 2);
    while (i < end && isBlank(source[i])) {
      i++;
    }
    return i;
  }
  const hexLength = HEX_LENGTH[next];
  if (hexLength !== undefined) {
    const code = Number.parseInt(source.slice(at + 2, at + 2 + hexLength), 16);
    out.add(Number.isNaN(code) ? '' : String.fromCodePoint(code), at);
    return at + 2 + hexLength;
  }
  out.add(SIMPLE_ESCAPES[next] ?? next, at);
  return at + 2;
}
