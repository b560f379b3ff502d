import { StoreError } from '../../common/storeError';

/**
 * A JSON value read without losing integers: span timestamps are 64-bit nanoseconds (~1.8e18),
 * past `Number.MAX_SAFE_INTEGER`, and `JSON.parse` would round them to the nearest 256 ns.
 * Integer literals outside the safe range come back as `bigint`; everything else as JSON.parse gives it.
 */
export type LosslessJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly LosslessJson[]
  | { readonly [key: string]: LosslessJson };

/** A plain JSON value (what attributes, inputs and outputs hold once decoded). */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Deeper nesting than this is refused rather than risking the call stack on hostile input. */
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function bad(message: string, at: number): StoreError {
  return new StoreError('invalid-response', `Not valid JSON: ${message} at character ${String(at)}.`);
}

/** A recursive-descent reader over one JSON text; strings are decoded by JSON.parse itself. */
class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): LosslessJson {
    const value = this.value(0);
    this.skipSpace();
    if (this.pos !== this.text.length) {
      throw bad('unexpected text after the value', this.pos);
    }
    return value;
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        return;
      }
      this.pos++;
    }
  }

  private value(depth: number): LosslessJson {
    if (depth > MAX_DEPTH) {
      throw bad('nesting too deep', this.pos);
    }
    this.skipSpace();
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        return this.number();
    }
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      throw bad('unexpected token', this.pos);
    }
    this.pos += word.length;
    return value;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) {
      throw bad('unexpected token', this.pos);
    }
    this.pos += m[0].length;
    const n = Number(m[0]);
    const integer = m[1] === undefined && m[2] === undefined;
    return integer && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        // JSON.parse decodes the escapes and refuses raw control characters.
        try {
          return JSON.parse(t.slice(start, i + 1)) as string;
        } catch {
          throw bad('bad string', start);
        }
      }
      i += c === 0x5c ? 2 : 1;
    }
    throw bad('unterminated string', start);
  }

  private array(depth: number): LosslessJson[] {
    this.pos++;
    const out: LosslessJson[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') {
        return out;
      }
      if (c !== ',') {
        throw bad('expected , or ]', this.pos - 1);
      }
    }
  }

  private object(depth: number): { [key: string]: LosslessJson } {
    this.pos++;
    // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
    const entries: Array<[string, LosslessJson]> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return {};
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        throw bad('expected a key', this.pos);
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ':') {
        throw bad('expected :', this.pos - 1);
      }
      entries.push([key, this.value(depth + 1)]);
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') {
        return Object.fromEntries(entries);
      }
      if (c !== ',') {
        throw bad('expected , or }', this.pos - 1);
      }
    }
  }
}

/** Parse JSON text keeping big integers exact (see {@link LosslessJson}); `invalid-response` on bad text. */
export function parseLosslessJson(text: string): LosslessJson {
  return new Reader(text).document();
}

/**
 * Any parsed value (lossless JSON, JSON.parse output, a YAML document) as plain JSON: big integers
 * become the nearest number, as JSON.parse would give; dates their ISO text; anything else JSON
 * cannot hold (functions, undefined inside arrays) null.
 */
export function toJsonValue(value: unknown): JsonValue {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map(toJsonValue);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
}

/** True for a JSON array (Array.isArray would widen it to any[]). */
export function isJsonArray(value: LosslessJson | undefined): value is readonly LosslessJson[] {
  return Array.isArray(value);
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(
  value: LosslessJson | undefined,
): value is { readonly [key: string]: LosslessJson } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
