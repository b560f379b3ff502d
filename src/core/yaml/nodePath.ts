import { contains, type YamlNode, type YamlPair } from './yamlAst';

/** What is under a caret: the chain of keys and, at the end, the key or the value hit. */
export interface NodePath {
  /** Keys from the root down; sequence items appear as their index. */
  readonly path: readonly (string | number)[];
  /** The innermost pair, when the caret is on one of its keys or values. */
  readonly pair?: YamlPair;
  /** Whether the caret is on the key (true) or inside the value (false). */
  readonly onKey: boolean;
}

/** Find the keys leading to the node at `offset`. */
export function nodePathAt(root: YamlNode, offset: number): NodePath {
  const path: (string | number)[] = [];
  let node: YamlNode = root;
  let pair: YamlPair | undefined;
  for (let depth = 0; depth < 128; depth++) {
    if (node.kind === 'map') {
      const hit = node.pairs.find(
        (p) =>
          contains(p.key.range, offset) ||
          (contains(p.value.range, offset) && p.value.range.end > p.value.range.start),
      );
      if (!hit || hit.key.kind !== 'scalar') {
        break;
      }
      path.push(hit.key.text);
      pair = hit;
      if (contains(hit.key.range, offset)) {
        return { path, pair, onKey: true };
      }
      node = hit.value;
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => contains(item.range, offset));
      const item = node.items[index];
      if (!item) {
        break;
      }
      path.push(index);
      node = item;
    } else {
      break;
    }
  }
  return pair ? { path, pair, onKey: false } : { path, onKey: false };
}
