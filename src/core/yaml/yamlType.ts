import type { YamlNode } from './yamlAst';

/** The JSON Schema type name a YAML node would have after loading. */
export type YamlTypeName =
  'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'alias';

/** The type of a node as JSON Schema names it; aliases are reported as such, never followed. */
export function yamlTypeOf(node: YamlNode): YamlTypeName {
  switch (node.kind) {
    case 'map':
      return 'object';
    case 'seq':
      return 'array';
    case 'alias':
      return 'alias';
    case 'scalar': {
      const value = node.value;
      if (value === null) {
        return 'null';
      }
      if (typeof value === 'boolean') {
        return 'boolean';
      }
      if (typeof value === 'number') {
        return Number.isInteger(value) ? 'integer' : 'number';
      }
      return 'string';
    }
  }
}

/** Words for messages: "a string", "a map". */
export function describeType(type: string): string {
  const words: Readonly<Record<string, string>> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
    object: 'a map',
    array: 'a list',
    alias: 'an alias',
  };
  return words[type] ?? type;
}
