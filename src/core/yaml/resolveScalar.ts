/**
 * Resolve a plain scalar the way the YAML 1.2 core schema does (js-yaml's safe default). Quoted
 * scalars are always strings; the caller decides that before asking.
 */
const NULL_RE = /^(?:~|null|Null|NULL)?$/;
const TRUE_RE = /^(?:true|True|TRUE)$/;
const FALSE_RE = /^(?:false|False|FALSE)$/;
const INT_RE = /^[-+]?[0-9]+$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_RE = /^([-+]?)\.(?:inf|Inf|INF)$/;
const NAN_RE = /^\.(?:nan|NaN|NAN)$/;

/** First characters that can start a non-string plain scalar: `~`, n/N, t/T, f/F, sign, dot, digit. */
const MAYBE_NOT_STRING = /^[~nNtTfF+\-.0-9]/;

/** The core-schema value of a plain scalar's text. */
export function resolvePlainScalar(text: string): string | number | boolean | null {
  // Most keys and values are words: one test instead of nine (dense files have millions).
  if (text !== '' && !MAYBE_NOT_STRING.test(text)) {
    return text;
  }
  if (NULL_RE.test(text)) {
    return null;
  }
  if (TRUE_RE.test(text)) {
    return true;
  }
  if (FALSE_RE.test(text)) {
    return false;
  }
  if (INT_RE.test(text)) {
    return Number.parseInt(text, 10);
  }
  if (OCT_RE.test(text)) {
    return Number.parseInt(text.slice(2), 8);
  }
  if (HEX_RE.test(text)) {
    return Number.parseInt(text.slice(2), 16);
  }
  if (FLOAT_RE.test(text)) {
    return Number.parseFloat(text);
  }
  const inf = INF_RE.exec(text);
  if (inf) {
    return inf[1] === '-' ? -Infinity : Infinity;
  }
  if (NAN_RE.test(text)) {
    return Number.NaN;
  }
  return text;
}
