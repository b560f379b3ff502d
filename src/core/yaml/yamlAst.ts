/**
 * A small YAML syntax tree that keeps the source offsets of every key and value, so diagnostics,
 * hovers and quick fixes can point at exact characters. Built from js-yaml's event stream; nothing
 * here constructs JavaScript objects from tags, which is what keeps untrusted files harmless.
 */

/** Zero-based, end-exclusive character offsets into the source text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** How a scalar was written; quoting decides how its text maps back to the source. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface NodeBase {
  readonly range: OffsetRange;
  /** The explicit tag as written (`!!str`, `!!python/object`), if any. */
  readonly tag?: { readonly text: string; readonly range: OffsetRange };
}

/** A scalar: `text` is the decoded string, `value` what the YAML core schema resolves it to. */
export interface YamlScalar extends NodeBase {
  readonly kind: 'scalar';
  readonly text: string;
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /** Block scalars only: the indentation js-yaml reported, needed to map offsets back. */
  readonly indent: number;
}

/** One `key: value` entry of a mapping. */
export interface YamlPair {
  readonly key: YamlNode;
  readonly value: YamlNode;
  /** From the start of the key to the end of the value. */
  readonly range: OffsetRange;
}

/** A block (`a: 1`) or flow (`{a: 1}`) mapping. */
export interface YamlMap extends NodeBase {
  readonly kind: 'map';
  readonly flow: boolean;
  readonly pairs: readonly YamlPair[];
}

/** A block (`- a`) or flow (`[a]`) sequence. */
export interface YamlSeq extends NodeBase {
  readonly kind: 'seq';
  readonly flow: boolean;
  readonly items: readonly YamlNode[];
}

/** `*name`: never expanded, which makes alias bombs harmless. */
export interface YamlAlias extends NodeBase {
  readonly kind: 'alias';
  readonly name: string;
}

/** Any node of the tree. */
export type YamlNode = YamlScalar | YamlMap | YamlSeq | YamlAlias;

/** The value of `key` in a mapping, or undefined. The last entry wins, as in PyYAML. */
export function getPair(map: YamlMap, key: string): YamlPair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const pair = map.pairs[i];
    if (pair?.key.kind === 'scalar' && pair.key.text === key) {
      return pair;
    }
  }
  return undefined;
}

/** The key text of a pair when the key is a scalar. */
export function keyText(pair: YamlPair): string | undefined {
  return pair.key.kind === 'scalar' ? pair.key.text : undefined;
}

/** True when a scalar is YAML null (`null`, `~` or nothing at all). */
export function isNull(node: YamlNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value === null && node.style === 'plain';
}

/** Whether an offset falls inside a range; the end is included so a caret after a word still hits it. */
export function contains(range: OffsetRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}
