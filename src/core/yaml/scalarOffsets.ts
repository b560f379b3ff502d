import { decodeFlowScalar } from './decodeFlowScalar';
import type { YamlScalar } from './yamlAst';

/**
 * Where each character of a decoded scalar came from in the source. `offsets[i]` is the source
 * offset of decoded character `i`; `offsets[text.length]` is the end of the scalar. Used to point a
 * diagnostic at one character inside JSON that lives in a quoted, folded, escaped YAML string.
 */
export interface ScalarOffsets {
  readonly text: string;
  readonly offsets: ArrayLike<number>;
}

/**
 * Last resort for what the exact decoders do not cover (folded blocks, odd indentation): walk the decoded
 * text and the source together, matching equal characters and letting folded whitespace match
 * any source whitespace. Always yields a monotonic map, even if an approximate one.
 */
function align(source: string, start: number, end: number, text: string): number[] {
  const offsets: number[] = [];
  let j = start;
  for (const c of text) {
    let k = j;
    while (k < end && source[k] !== c && !(/\s/.test(c) && /\s/.test(source[k] ?? ''))) {
      k++;
    }
    const at = k < end ? k : j;
    for (let n = 0; n < c.length; n++) {
      offsets.push(Math.min(at, end));
    }
    j = k < end ? k + 1 : j;
  }
  offsets.push(end);
  return offsets;
}

/** Decode a literal block (`|`): lines lose their indentation and keep their breaks. */
function decodeLiteral(source: string, start: number, end: number, indent: number): ScalarOffsets {
  const chars: string[] = [];
  const offsets: number[] = [];
  let atLineStart = true;
  let skipped = 0;
  for (let i = start; i < end; i++) {
    const c = source[i] ?? '';
    if (atLineStart && c === ' ' && skipped < indent) {
      skipped++;
      continue;
    }
    atLineStart = c === '\n';
    skipped = 0;
    chars.push(c);
    offsets.push(i);
  }
  offsets.push(end);
  return { text: chars.join(''), offsets };
}

/**
 * Map every character of a scalar's decoded text back to the source. The result always matches
 * `scalar.text`; when the precise decoders disagree with js-yaml, an alignment is used instead.
 */
export function scalarOffsets(source: string, scalar: YamlScalar): ScalarOffsets {
  // Quoted scalars' ranges include their quotes; the text lives between them.
  const quoted = scalar.style === 'single' || scalar.style === 'double' ? 1 : 0;
  const start = scalar.range.start + quoted;
  const end = scalar.range.end - quoted;
  let decoded: ScalarOffsets | undefined;
  if (scalar.style === 'plain' || scalar.style === 'single' || scalar.style === 'double') {
    decoded = decodeFlowScalar(source, start, end, scalar.style);
  } else if (scalar.style === 'literal') {
    decoded = decodeLiteral(source, start, end, scalar.indent);
  }
  if (decoded?.text === scalar.text && decoded.offsets.length === scalar.text.length + 1) {
    return decoded;
  }
  return { text: scalar.text, offsets: align(source, start, end, scalar.text) };
}
