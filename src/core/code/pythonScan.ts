/** A string literal of Python source: where it is and, when it is a plain literal, its value. */
export interface StringLiteral {
  /** Offset of the prefix or opening quote. */
  readonly start: number;
  /** Offset just past the closing quote. */
  readonly end: number;
  /** The literal's text without quotes; undefined for f-strings (their value is not known). */
  readonly value: string | undefined;
}

/** Python source with comments and string contents blanked, plus its string literals. */
export interface ScannedPython {
  /** Same length as the source: comments and the insides of strings replaced by spaces. */
  readonly code: string;
  readonly strings: readonly StringLiteral[];
  /** The literals by start offset. */
  readonly stringAt: ReadonlyMap<number, StringLiteral>;
}

/**
 * One pass over Python source that blanks comments and string contents (keeping quotes and
 * offsets), so that call patterns are looked for in code only: a `mlflow.log_metric(` inside a
 * docstring or a comment is not a call. Escapes are kept as written; the values are for display.
 */
export function scanPython(source: string): ScannedPython {
  const out: string[] = [];
  const strings: StringLiteral[] = [];
  let i = 0;
  let last = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 35 /* # */) {
      const eol = source.indexOf('\n', i);
      const end = eol === -1 ? n : eol;
      out.push(source.slice(last, i), ' '.repeat(end - i));
      i = last = end;
    } else if (c === 34 || c === 39 /* " ' */) {
      const prefixStart = prefixStartOf(source, i);
      const literal = readString(source, i, prefixStart);
      out.push(source.slice(last, i + literal.quoteLength));
      // blank the inside but keep its newlines, so `^` patterns still see line starts after it
      out.push(
        source
          .slice(
            i + literal.quoteLength,
            Math.max(i + literal.quoteLength, literal.end - literal.quoteLength),
          )
          .replace(/[^\n]/g, ' '),
      );
      out.push(
        source.slice(Math.max(i + literal.quoteLength, literal.end - literal.quoteLength), literal.end),
      );
      strings.push({ start: prefixStart, end: literal.end, value: literal.value });
      i = last = literal.end;
    } else {
      i++;
    }
  }
  out.push(source.slice(last));
  return { code: out.join(''), strings, stringAt: new Map(strings.map((x) => [x.start, x])) };
}

/** Where a literal's prefix (r, b, f, u, rb…) starts, given the offset of its opening quote. */
function prefixStartOf(source: string, quote: number): number {
  let s = quote;
  while (s > 0 && s > quote - 2 && /[rRbBfFuU]/.test(source.charAt(s - 1))) {
    s--;
  }
  // A prefix only when it is not the tail of an identifier (`elif"x"` is not an f-string).
  return s > 0 && /[\w]/.test(source.charAt(s - 1)) ? quote : s;
}

function readString(
  source: string,
  open: number,
  prefixStart: number,
): { end: number; value: string | undefined; quoteLength: number } {
  const q = source.charAt(open);
  const triple = source.startsWith(q.repeat(3), open);
  const quote = triple ? q.repeat(3) : q;
  const formatted = /[fF]/.test(source.slice(prefixStart, open));
  let i = open + quote.length;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      // in raw strings too, a backslash keeps the next quote from closing the literal
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') {
      // an unterminated single-line string ends at the line's end, as the tokenizer gives up there
      return { end: i, value: undefined, quoteLength: 1 };
    }
    if (source.startsWith(quote, i)) {
      const body = source.slice(open + quote.length, i);
      return { end: i + quote.length, value: formatted ? undefined : body, quoteLength: quote.length };
    }
    i++;
  }
  return { end: source.length, value: undefined, quoteLength: quote.length };
}
