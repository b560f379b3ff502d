import schemaJson from '../../../schemas/mlmodel.schema.json';

/** The subset of JSON Schema that schemas/mlmodel.schema.json uses. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly $ref?: string;
}

interface RootSchema extends SchemaNode {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

// The schema file is the single source of field names, types, enums and hover text; the same file
// is contributed to Red Hat YAML through `yamlValidation`.
const loaded: unknown = schemaJson;
/** The MLmodel JSON Schema. */
export const MLMODEL_SCHEMA = loaded as RootSchema;

/** Follow a local `#/definitions/...` reference. */
export function resolveSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (ref === undefined) {
    return node;
  }
  const name = ref.replace('#/definitions/', '');
  return MLMODEL_SCHEMA.definitions[name];
}

/**
 * The schema of a property. `known` tells a declared property from one allowed only by
 * `additionalProperties`, which is how an unknown key is told from a known one.
 */
export function propertySchema(
  parent: SchemaNode | undefined,
  key: string,
): { schema: SchemaNode | undefined; known: boolean } {
  const declared =
    parent?.properties && Object.hasOwn(parent.properties, key) ? parent.properties[key] : undefined;
  if (declared) {
    return { schema: resolveSchema(declared), known: true };
  }
  const extra = parent?.additionalProperties;
  return { schema: typeof extra === 'object' ? resolveSchema(extra) : undefined, known: false };
}

/** The schema at a path of keys (array indexes step into `items`). */
export function schemaAtPath(path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = MLMODEL_SCHEMA;
  for (const step of path) {
    node = typeof step === 'number' ? resolveSchema(node.items) : propertySchema(node, step).schema;
    if (!node) {
      return undefined;
    }
  }
  return node;
}

/** The declared type names of a schema node. */
export function schemaTypes(node: SchemaNode): readonly string[] {
  return node.type === undefined ? [] : typeof node.type === 'string' ? [node.type] : node.type;
}
