/** Longest value printed whole; past it the rest is cut and counted. */
export const MAX_TERMINAL_VALUE = 200;

// C0 controls (line breaks and tabs too: a value is printed on one line), DEL, C1 controls, and the
// bidirectional marks, embeddings, overrides and isolates that can make text read differently
// from what it is (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
function isUnsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const SHORT: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

function escapeCode(code: number): string {
  return (
    SHORT[code] ??
    (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

function escapeUnsafe(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isUnsafe(code)) {
      out += text.slice(from, i) + escapeCode(code);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * A string from a server (a run or model name, an error message) made safe to print on a
 * terminal: control characters, escape sequences and bidi overrides are shown escaped (`\x1b`,
 * `\u202e`) instead of acting on the terminal, and a value longer than `max` is cut, with a
 * marker saying how many characters were left out.
 */
export function safeForTerminal(text: string, max = MAX_TERMINAL_VALUE): string {
  let kept = text;
  let marker = '';
  if (text.length > max) {
    let end = max;
    const last = text.charCodeAt(end - 1);
    // Never end on the first half of a surrogate pair.
    end -= last >= 0xd800 && last <= 0xdbff ? 1 : 0;
    kept = text.slice(0, end);
    marker = `… [${text.length - end} more characters]`;
  }
  return escapeUnsafe(kept) + marker;
}
