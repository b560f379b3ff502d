import type { OffsetRange } from '../../yaml/yamlAst';

/** A JSON value with the offsets (into the JSON text) of where it was written. */
export type JsonNode =
  | { readonly kind: 'object'; readonly range: OffsetRange; readonly props: readonly JsonProp[] }
  | { readonly kind: 'array'; readonly range: OffsetRange; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly range: OffsetRange; readonly value: string }
  | { readonly kind: 'number'; readonly range: OffsetRange; readonly value: number }
  | { readonly kind: 'boolean'; readonly range: OffsetRange; readonly value: boolean }
  | { readonly kind: 'null'; readonly range: OffsetRange };

/** One `"key": value` member of a JSON object. */
export interface JsonProp {
  readonly key: string;
  readonly keyRange: OffsetRange;
  readonly value: JsonNode;
}

/** The value of a property of a JSON object node. */
export function jsonProp(node: JsonNode, key: string): JsonProp | undefined {
  return node.kind === 'object' ? node.props.find((p) => p.key === key) : undefined;
}

/** The value of a string property of a JSON object node. */
export function jsonStringProp(node: JsonNode, key: string): string | undefined {
  const value = jsonProp(node, key)?.value;
  return value?.kind === 'string' ? value.value : undefined;
}
