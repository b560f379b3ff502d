/**
 * Where the caret is in a block-style YAML text, found from indentation alone so that it works
 * while the file is half-typed and does not parse.
 */
export interface LineContext {
  /** Keys of the enclosing mappings, outermost first. */
  readonly path: readonly string[];
  /** Typing a key, or the value of `key`. */
  readonly mode: 'key' | 'value';
  /** In value mode, the key whose value is typed. */
  readonly key?: string;
  /** The word typed so far, which a completion replaces. */
  readonly prefix: string;
  /** Column of the key being typed or whose value is typed. */
  readonly indent: number;
  /** Keys already present at this level (for not suggesting them twice). */
  readonly siblings: readonly string[];
  /** The text of the line before the caret. */
  readonly linePrefix: string;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:(?:\s|$)/;

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function isBlank(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

/** The context of the caret at `offset`. */
export function lineContext(text: string, offset: number): LineContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  const keyTyping = /^(\s*)(-\s+)?([\w.-]*)$/.exec(linePrefix);
  const valueTyping =
    /^(\s*)(-\s+)?([\w.-]+):\s+([^\s]*)$/.exec(linePrefix) ?? /^(\s*)(-\s+)?([\w.-]+):()$/.exec(linePrefix);
  const match = keyTyping ?? valueTyping;
  const indent = match ? (match[1]?.length ?? 0) + (match[2]?.length ?? 0) : indentOf(linePrefix);
  const path = enclosingKeys(text, lineStart, indent);
  const siblings = collectSiblings(text, lineStart, indent);
  if (keyTyping) {
    return { path, mode: 'key', prefix: keyTyping[3] ?? '', indent, siblings, linePrefix };
  }
  if (valueTyping) {
    return {
      path,
      mode: 'value',
      key: valueTyping[3] ?? '',
      prefix: valueTyping[4] ?? '',
      indent,
      siblings,
      linePrefix,
    };
  }
  return { path, mode: 'value', prefix: '', indent, siblings, linePrefix };
}

/** Keys of the mappings enclosing a line indented by `indent`, outermost first: each less-indented key line above it. */
function enclosingKeys(text: string, lineStart: number, indent: number): string[] {
  const before = text.slice(0, lineStart).split('\n');
  before.pop();
  const path: string[] = [];
  let limit = indent;
  for (let i = before.length - 1; i >= 0 && limit > 0; i--) {
    const line = before[i] ?? '';
    if (isBlank(line)) {
      continue;
    }
    const key = KEY_LINE.exec(line);
    const column = indentOf(line);
    if (column < limit) {
      // Keys inside sequence items (`- name: x`) do not name a mapping level of their own.
      if (key?.[2] !== undefined && !/^\s*-\s/.test(line)) {
        path.unshift(key[2]);
      }
      limit = column;
    }
  }
  return path;
}

function collectSiblings(text: string, lineStart: number, indent: number): string[] {
  const lines = text.split('\n');
  const current = text.slice(0, lineStart).split('\n').length - 1;
  const siblings: string[] = [];
  for (const direction of [-1, 1]) {
    for (let i = current + direction; i >= 0 && i < lines.length; i += direction) {
      const line = lines[i] ?? '';
      if (isBlank(line)) {
        continue;
      }
      const column = indentOf(line);
      if (column < indent) {
        break;
      }
      const key = KEY_LINE.exec(line);
      if (column === indent && key?.[2] !== undefined) {
        siblings.push(key[2]);
      }
    }
  }
  return siblings;
}
