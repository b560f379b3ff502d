import schemaJson from '../../../schemas/mlproject.schema.json';
import type { SchemaNode } from '../mlmodel/mlmodelSchema';

interface RootSchema extends SchemaNode {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

// One file for names, types and hover text; the same file is contributed to Red Hat YAML.
const loaded: unknown = schemaJson;
/** The MLproject JSON Schema. */
export const MLPROJECT_SCHEMA = loaded as RootSchema;

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  return node?.$ref === undefined
    ? node
    : MLPROJECT_SCHEMA.definitions[node.$ref.replace('#/definitions/', '')];
}

/** The declared child keys of a schema node. */
export function declaredKeys(node: SchemaNode | undefined): readonly string[] {
  return Object.keys(node?.properties ?? {});
}

/** The schema of `key` under `parent`; `known` is false for keys allowed only by `additionalProperties`. */
export function mlprojectProperty(
  parent: SchemaNode | undefined,
  key: string,
): { schema: SchemaNode | undefined; known: boolean } {
  const declared =
    parent?.properties && Object.hasOwn(parent.properties, key) ? parent.properties[key] : undefined;
  if (declared) {
    return { schema: resolve(declared), known: true };
  }
  const extra = parent?.additionalProperties;
  return { schema: typeof extra === 'object' ? resolve(extra) : undefined, known: false };
}

/** The schema at a path of keys, entry point and parameter names stepping through `additionalProperties`. */
export function mlprojectSchemaAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = MLPROJECT_SCHEMA;
  for (const key of path) {
    node = mlprojectProperty(node, key).schema;
    if (!node) {
      return undefined;
    }
  }
  return node;
}
