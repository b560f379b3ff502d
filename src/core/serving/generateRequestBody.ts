import { formatRequestJson } from './formatRequestJson';
import type { ColumnInput, ParamSpec, ServingSignature, TensorInput } from './servingSignature';

/** Largest tensor generated element by element; bigger fixed shapes get one row of a -1 axis. */
const MAX_TENSOR_ELEMENTS = 200_000;

/** A placeholder value of a column type, one the scoring server's type enforcement accepts. */
export function sampleColumnValue(spec: ColumnInput): unknown {
  switch (spec.type) {
    case 'double':
    case 'float':
      return 0.5;
    case 'integer':
    case 'long':
      return 0;
    case 'boolean':
      return false;
    case 'string':
    case 'binary':
      return '';
    case 'datetime':
      return '2024-01-01T00:00:00';
    case 'array':
      return spec.items ? [sampleColumnValue(spec.items)] : [];
    case 'map':
      return { key: spec.items ? sampleColumnValue(spec.items) : '' };
    case 'object':
      return Object.fromEntries((spec.properties ?? []).map((p) => [p.name ?? '', sampleColumnValue(p)]));
    default:
      return null;
  }
}

/** A placeholder element of a numpy dtype. */
export function sampleDtypeValue(dtype: string): unknown {
  if (/^(float|double|half|single|longdouble)/.test(dtype)) {
    return 0.5;
  }
  if (/^(u?int|byte|ubyte|short|ushort|intc|uintc|intp|uintp|u?longlong)/.test(dtype)) {
    return 0;
  }
  if (/^bool/.test(dtype)) {
    return false;
  }
  return '';
}

function tensorOf(spec: TensorInput): unknown {
  // A variable (-1) dimension gets one entry: the smallest valid batch.
  const dims = spec.shape.map((d) => (d < 0 ? 1 : d));
  const total = dims.reduce((a, b) => a * b, 1);
  if (total > MAX_TENSOR_ELEMENTS) {
    throw new Error(
      `The input "${spec.name ?? 'tensor'}" has ${String(total)} elements: too many to generate.`,
    );
  }
  const build = (level: number): unknown =>
    level === dims.length
      ? sampleDtypeValue(spec.dtype)
      : Array.from({ length: dims[level] ?? 0 }, () => build(level + 1));
  return build(0);
}

function paramDefaults(params: readonly ParamSpec[]): Record<string, unknown> | undefined {
  return params.length === 0 ? undefined : Object.fromEntries(params.map((p) => [p.name, p.default]));
}

/**
 * A request body for `/invocations` built from the signature alone: `dataframe_split` with one
 * placeholder row for column signatures, `inputs` for tensor signatures (a named map when the
 * tensors are named), plus `params` with their defaults. Returned as formatted JSON text.
 */
export function generateRequestBody(signature: ServingSignature): string {
  const params = paramDefaults(signature.params);
  const body: Record<string, unknown> = {};
  const inputs = signature.inputs;
  if (inputs.length > 0 && inputs.every((i): i is TensorInput => i.kind === 'tensor')) {
    const named = inputs.every((t) => t.name !== undefined);
    body.inputs = named
      ? Object.fromEntries(inputs.map((t) => [t.name ?? '', tensorOf(t)]))
      : tensorOf(inputs[0] as TensorInput);
  } else {
    const columns = inputs.filter((i): i is ColumnInput => i.kind === 'column');
    const named = columns.every((c) => c.name !== undefined);
    body.dataframe_split = {
      ...(named ? { columns: columns.map((c) => c.name) } : {}),
      data: [columns.map(sampleColumnValue)],
    };
  }
  if (params) {
    body.params = params;
  }
  return formatRequestJson(body);
}
