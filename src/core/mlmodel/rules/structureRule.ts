import type { YamlNode } from '../../yaml/yamlAst';
import { isSafeTag } from '../../yaml/checkTag';
import { describeType, yamlTypeOf } from '../../yaml/yamlType';
import { closestMatch } from '../closestMatch';
import { MLMODEL_SCHEMA, propertySchema, schemaTypes, type SchemaNode } from '../mlmodelSchema';
import type { MlmodelRule, RuleContext } from '../ruleContext';
import { clipForMessage } from '../../yaml/clipForMessage';

function accepts(types: readonly string[], actual: string): boolean {
  return (
    types.length === 0 ||
    actual === 'alias' ||
    types.includes(actual) ||
    (actual === 'integer' && types.includes('number'))
  );
}

/** False when the node has the wrong type (and was reported), so its children are not visited. */
function checkType(context: RuleContext, node: YamlNode, schema: SchemaNode, name: string): boolean {
  if (node.tag && !isSafeTag(node.tag.text)) {
    // Already reported as an unsafe tag; its content means nothing to MLflow.
    return false;
  }
  const types = schemaTypes(schema);
  const actual = yamlTypeOf(node);
  if (accepts(types, actual) || (actual === 'null' && name === 'flavors')) {
    // An empty `flavors:` is reported once, by the flavours rule.
    return true;
  }
  const scalarAsString =
    node.kind === 'scalar' && node.style === 'plain' && types.includes('string') && actual !== 'null';
  if (scalarAsString) {
    // `python_version: 3.10` loads as the float 3.1: valid YAML, wrong meaning.
    context.report(
      node.range,
      2,
      'number-as-string',
      `"${name}" should be a string, but ${clipForMessage(node.text)} is read as ${describeType(actual)}. Quote it: '${clipForMessage(node.text)}'.`,
      {
        fix: 'replace',
        replacement: `'${node.text}'`,
      },
    );
    return false;
  }
  const expected = types.map(describeType).join(' or ');
  context.report(node.range, 1, 'wrong-type', `"${name}" must be ${expected}, not ${describeType(actual)}.`);
  return false;
}

function checkEnum(context: RuleContext, node: YamlNode, schema: SchemaNode, name: string): void {
  if (
    !schema.enum ||
    node.kind !== 'scalar' ||
    typeof node.value !== 'string' ||
    schema.enum.includes(node.value)
  ) {
    return;
  }
  const suggestion = closestMatch(node.value, schema.enum);
  const allowed = schema.enum.join(', ');
  const message = `"${clipForMessage(node.value)}" is not a valid ${name}${suggestion ? `; did you mean "${suggestion}"?` : '.'} Allowed: ${allowed}.`;
  context.report(
    node.range,
    1,
    'invalid-value',
    message,
    suggestion ? { fix: 'replace', replacement: suggestion } : undefined,
  );
}

function walk(context: RuleContext, node: YamlNode, schema: SchemaNode, path: readonly string[]): void {
  const name = path[path.length - 1] ?? 'MLmodel';
  if (!checkType(context, node, schema, name)) {
    return;
  }
  checkEnum(context, node, schema, name);
  if (node.kind !== 'map') {
    return;
  }
  // Flavour names are the flavours rule's business: unknown flavours are legitimate plugins.
  const namesFlavors = path.length === 1 && path[0] === 'flavors';
  for (const pair of node.pairs) {
    if (pair.key.kind !== 'scalar') {
      continue;
    }
    const key = pair.key.text;
    const child = propertySchema(schema, key);
    if (!child.known && !namesFlavors) {
      reportUnknownKey(context, pair.key.range, key, schema, path);
    }
    if (child.schema) {
      walk(context, pair.value, child.schema, [...path, key]);
    }
  }
}

// Dense files have 10^5 keys under one schema node: its key list is made once, not once per key.
const knownKeysOf = new WeakMap<SchemaNode, readonly string[]>();

function knownKeys(schema: SchemaNode): readonly string[] {
  let known = knownKeysOf.get(schema);
  if (!known) {
    known = Object.keys(schema.properties ?? {});
    knownKeysOf.set(schema, known);
  }
  return known;
}

function reportUnknownKey(
  context: RuleContext,
  range: YamlNode['range'],
  key: string,
  schema: SchemaNode,
  path: readonly string[],
): void {
  const known = knownKeys(schema);
  const unknownKey = path.length === 0 || schema.additionalProperties === false;
  if (!unknownKey && known.length === 0) {
    // A free-form map (metadata, a plugin flavour): any key is fine, so nothing to suggest either.
    return;
  }
  const suggestion = closestMatch(key, known);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const data = suggestion ? { fix: 'replace' as const, replacement: suggestion } : undefined;
  if (unknownKey) {
    // MLflow keeps unknown keys (Model.from_dict passes them through), so never an error.
    const where = path.length === 0 ? 'top-level key' : `key in "${clipForMessage(path.join('.'))}"`;
    context.report(
      range,
      2,
      'unknown-key',
      `Unknown ${where} "${clipForMessage(key)}"; MLflow keeps it but does not use it.${hint}`,
      data,
    );
  } else {
    context.report(
      range,
      3,
      'unknown-flavor-key',
      `"${clipForMessage(key)}" is not a key MLflow writes in "${clipForMessage(path.join('.'))}".${hint}`,
      data,
    );
  }
}

/** Types, enums and unknown keys of every field the MLmodel JSON Schema declares. */
export const structureRule: MlmodelRule = (context) => {
  walk(context, context.root, MLMODEL_SCHEMA, []);
};
