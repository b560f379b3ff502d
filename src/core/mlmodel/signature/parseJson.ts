import type { JsonNode, JsonProp } from './jsonNode';

/** The outcome of {@link parseJson}: a tree, or the first error and where it is. */
export type JsonParseResult =
  | { readonly ok: true; readonly node: JsonNode }
  | { readonly ok: false; readonly offset: number; readonly message: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
// Python's json module writes NaN and Infinity, so MLflow signatures may hold them.
const NUMBER_RE = /-?(?:Infinity|(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)|NaN/y;

function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x20) {
      return i;
    }
  }
  return -1;
}

class Parser {
  private at = 0;
  /** The next backslash at or after `at` (-1: none left), cached so strings are not rescanned. */
  private nextSlash = -2;

  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    const node = this.value(0);
    this.space();
    if (this.at < this.text.length) {
      throw new JsonSyntaxError(this.at, 'Unexpected text after the JSON value.');
    }
    return node;
  }

  private space(): void {
    for (
      let c = this.text.charCodeAt(this.at);
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      c = this.text.charCodeAt(this.at)
    ) {
      this.at++;
    }
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) {
      throw new JsonSyntaxError(this.at, `JSON nested deeper than ${MAX_DEPTH} levels.`);
    }
    this.space();
    const start = this.at;
    const c = this.text[this.at];
    if (c === '{') {
      return this.object(depth);
    }
    if (c === '[') {
      return this.array(depth);
    }
    if (c === '"') {
      const value = this.string();
      return { kind: 'string', value, range: { start, end: this.at } };
    }
    for (const [word, node] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, start)) {
        this.at += word.length;
        const range = { start, end: this.at };
        return node === null ? { kind: 'null', range } : { kind: 'boolean', value: node, range };
      }
    }
    NUMBER_RE.lastIndex = start;
    const number = NUMBER_RE.exec(this.text);
    if (number) {
      this.at += number[0].length;
      return { kind: 'number', value: Number(number[0]), range: { start, end: this.at } };
    }
    throw new JsonSyntaxError(
      start,
      c === undefined ? 'Unexpected end of JSON.' : `Unexpected character ${JSON.stringify(c)} in JSON.`,
    );
  }

  private expect(c: string, what: string): void {
    this.space();
    if (this.text[this.at] !== c) {
      throw new JsonSyntaxError(this.at, `Expected ${what}.`);
    }
    this.at++;
  }

  private object(depth: number): JsonNode {
    const start = this.at++;
    const props: JsonProp[] = [];
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return { kind: 'object', props, range: { start, end: this.at } };
    }
    for (;;) {
      this.space();
      const keyStart = this.at;
      if (this.text[this.at] !== '"') {
        throw new JsonSyntaxError(this.at, 'Expected a property name in double quotes.');
      }
      const key = this.string();
      const keyRange = { start: keyStart, end: this.at };
      this.expect(':', '":" after the property name');
      props.push({ key, keyRange, value: this.value(depth + 1) });
      this.space();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect('}', '"," or "}"');
      return { kind: 'object', props, range: { start, end: this.at } };
    }
  }

  private array(depth: number): JsonNode {
    const start = this.at++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return { kind: 'array', items, range: { start, end: this.at } };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect(']', '"," or "]"');
      return { kind: 'array', items, range: { start, end: this.at } };
    }
  }

  private string(): string {
    const start = this.at++;
    let out = '';
    for (;;) {
      // Copy the plain stretch up to the next quote or backslash in one slice.
      const quote = this.text.indexOf('"', this.at);
      if (this.nextSlash !== -1 && this.nextSlash < this.at) {
        this.nextSlash = this.text.indexOf('\\', this.at);
      }
      const slash = this.nextSlash;
      const stop = slash >= 0 && (quote < 0 || slash < quote) ? slash : quote;
      if (stop < 0) {
        throw new JsonSyntaxError(start, 'Unterminated JSON string.');
      }
      const plain = this.text.slice(this.at, stop);
      const control = firstControl(plain);
      if (control >= 0) {
        throw new JsonSyntaxError(this.at + control, 'Control character in a JSON string.');
      }
      out += plain;
      this.at = stop;
      if (stop === quote) {
        this.at++;
        return out;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const next = this.text[this.at + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
      const char = String.fromCharCode(Number.parseInt(this.text.slice(this.at + 2, this.at + 6), 16));
      this.at += 6;
      return char;
    }
    const escaped = ESCAPES[next];
    if (escaped === undefined) {
      throw new JsonSyntaxError(this.at, `Invalid escape \\${next} in a JSON string.`);
    }
    this.at += 2;
    return escaped;
  }
}

/** Parse JSON, keeping the offset of every value and key. Never throws. */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, node: new Parser(text).parseDocument() };
  } catch (error: unknown) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, offset: error.offset, message: error.message };
    }
    throw error;
  }
}
