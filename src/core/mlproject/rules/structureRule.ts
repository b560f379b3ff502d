import type { SchemaNode } from '../../mlmodel/mlmodelSchema';
import { closestMatch } from '../../mlmodel/closestMatch';
import type { YamlNode } from '../../yaml/yamlAst';
import { describeType, yamlTypeOf } from '../../yaml/yamlType';
import type { MlprojectRule, MlprojectRuleContext } from '../mlprojectDiagnostic';
import { declaredKeys, MLPROJECT_SCHEMA, mlprojectProperty } from '../mlprojectSchema';
import { clipForMessage } from '../../yaml/clipForMessage';

function types(schema: SchemaNode): readonly string[] {
  return schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
}

function walk(
  context: MlprojectRuleContext,
  node: YamlNode,
  schema: SchemaNode,
  path: readonly string[],
): void {
  const expected = types(schema);
  const actual = yamlTypeOf(node);
  const fits =
    expected.length === 0 ||
    actual === 'alias' ||
    expected.includes(actual) ||
    (actual === 'integer' && expected.includes('number'));
  if (!fits) {
    const name = path[path.length - 1] ?? 'MLproject';
    context.report(
      node.range,
      1,
      'wrong-type',
      `"${name}" must be ${expected.map(describeType).join(' or ')}, not ${describeType(actual)}.`,
    );
    return;
  }
  if (node.kind === 'seq' && schema.items) {
    for (const item of node.items) {
      walk(context, item, schema.items, path);
    }
  }
  if (node.kind !== 'map') {
    return;
  }
  for (const pair of node.pairs) {
    if (pair.key.kind !== 'scalar') {
      continue;
    }
    const key = pair.key.text;
    const child = mlprojectProperty(schema, key);
    if (!child.known && (path.length === 0 || schema.additionalProperties === false)) {
      const suggestion = closestMatch(key, declaredKeys(schema));
      const where = path.length === 0 ? 'top-level key' : `key in "${clipForMessage(path.join('.'))}"`;
      // MLflow's project loader ignores keys it does not know: a warning, never an error.
      context.report(
        pair.key.range,
        2,
        'unknown-key',
        `Unknown ${where} "${clipForMessage(key)}"; mlflow run ignores it.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      );
    }
    if (child.schema) {
      walk(context, pair.value, child.schema, [...path, key]);
    }
  }
}

/** Types and unknown keys of every field schemas/mlproject.schema.json declares. */
export const structureRule: MlprojectRule = (context) => {
  walk(context, context.root, MLPROJECT_SCHEMA, []);
};
