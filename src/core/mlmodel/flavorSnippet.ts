import { MLMODEL_SCHEMA, resolveSchema, type SchemaNode } from './mlmodelSchema';

/** Escape text for a snippet placeholder or choice. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\|,]/g, '\\$&');
}

/**
 * A snippet for a new flavour block: every key the schema declares for it (except `code`), with
 * enum choices where the schema has them. `indent` is the indentation of one nesting level.
 */
export function flavorSnippet(flavor: string, indent: string): string {
  const schema: SchemaNode | undefined = resolveSchema(
    MLMODEL_SCHEMA.properties?.flavors?.properties?.[flavor],
  );
  const lines = [`${flavor}:`];
  let n = 1;
  for (const [key, raw] of Object.entries(schema?.properties ?? {})) {
    const property = resolveSchema(raw);
    const isRequired = schema?.required?.includes(key) ?? false;
    if (
      key === 'code' ||
      (flavor === 'python_function' && !isRequired && !['python_version', 'env'].includes(key))
    ) {
      continue;
    }
    if (property?.enum) {
      lines.push(`${indent}${key}: \${${n}|${property.enum.map(escapeSnippet).join(',')}|}`);
    } else if (key === 'env') {
      lines.push(
        `${indent}env:`,
        `${indent}${indent}conda: \${${n}:conda.yaml}`,
        `${indent}${indent}virtualenv: \${${n + 1}:python_env.yaml}`,
      );
      n++;
    } else {
      lines.push(`${indent}${key}: \${${n}}`);
    }
    n++;
  }
  return lines.join('\n');
}
