import { parseYaml } from '../yaml/parseYaml';
import type { YamlNode } from '../yaml/yamlAst';

/** One column of a column-based signature, as the scoring server enforces it. */
export interface ColumnInput {
  readonly kind: 'column';
  readonly name: string | undefined;
  /** A DataType name, or array/object/map/any for structured columns. */
  readonly type: string;
  readonly required: boolean;
  /** The element spec of an array, the value spec of a map, the properties of an object. */
  readonly items?: ColumnInput;
  readonly properties?: readonly ColumnInput[];
}

/** One tensor of a tensor-based signature. */
export interface TensorInput {
  readonly kind: 'tensor';
  readonly name: string | undefined;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/** One inference parameter (`params:` of the signature) with its default. */
export interface ParamSpec {
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
  readonly shape: readonly number[] | null;
}

/** What the scoring server checks a request against: inputs (columns or tensors) and params. */
export interface ServingSignature {
  readonly inputs: readonly ColumnInput[] | readonly TensorInput[];
  readonly params: readonly ParamSpec[];
}

/** `saved_input_example_info`: how input_example.json was written. */
export interface InputExampleInfo {
  readonly type: string;
  readonly pandasOrient: string | undefined;
  readonly artifactPath: string | undefined;
  readonly servingInputPath: string | undefined;
}

/** The serving-relevant parts of an MLmodel file; either may be missing. */
export interface ServingModelInfo {
  readonly signature: ServingSignature | undefined;
  readonly inputExample: InputExampleInfo | undefined;
}

function child(node: YamlNode | undefined, key: string): YamlNode | undefined {
  if (node?.kind !== 'map') {
    return undefined;
  }
  return node.pairs.find((p) => p.key.kind === 'scalar' && p.key.text === key)?.value;
}

function scalarText(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node.text : undefined;
}

function jsonList(text: string | undefined): unknown[] {
  if (text === undefined) {
    return [];
  }
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as unknown[]) : [];
  } catch {
    return [];
  }
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function toColumn(v: unknown, fallbackName?: string): ColumnInput | undefined {
  const r = record(v);
  if (!r || typeof r.type !== 'string' || r.type === 'tensor') {
    return undefined;
  }
  const name = typeof r.name === 'string' ? r.name : fallbackName;
  const items = r.type === 'array' ? toColumn(r.items) : r.type === 'map' ? toColumn(r.values) : undefined;
  const props = record(r.properties);
  const properties = props
    ? Object.entries(props).flatMap(([k, p]) => {
        const c = toColumn(p, k);
        return c ? [c] : [];
      })
    : undefined;
  return {
    kind: 'column',
    name,
    type: r.type,
    required: r.required !== false,
    ...(items ? { items } : {}),
    ...(properties ? { properties } : {}),
  };
}

function toTensor(v: unknown): TensorInput | undefined {
  const r = record(v);
  const spec = record(r?.['tensor-spec']);
  if (r?.type !== 'tensor' || !spec || typeof spec.dtype !== 'string' || !Array.isArray(spec.shape)) {
    return undefined;
  }
  const shape = (spec.shape as unknown[]).filter(
    (d): d is number => typeof d === 'number' && Number.isInteger(d),
  );
  return { kind: 'tensor', name: typeof r.name === 'string' ? r.name : undefined, dtype: spec.dtype, shape };
}

function toParam(v: unknown): ParamSpec | undefined {
  const r = record(v);
  if (!r || typeof r.name !== 'string' || typeof r.type !== 'string') {
    return undefined;
  }
  const shape = Array.isArray(r.shape)
    ? (r.shape as unknown[]).filter((d): d is number => typeof d === 'number')
    : null;
  return { name: r.name, type: r.type, default: r.default ?? null, shape };
}

/** Parse the JSON strings under `signature:` the way MLflow's `ModelSignature.from_dict` reads them. */
export function parseSignature(
  inputsJson: string | undefined,
  paramsJson: string | undefined,
): ServingSignature | undefined {
  const raw = jsonList(inputsJson);
  const params = jsonList(paramsJson).flatMap((p) => {
    const s = toParam(p);
    return s ? [s] : [];
  });
  const tensors = raw.flatMap((t) => {
    const s = toTensor(t);
    return s ? [s] : [];
  });
  if (tensors.length > 0) {
    return { inputs: tensors, params };
  }
  const columns = raw.flatMap((c) => {
    const s = toColumn(c);
    return s ? [s] : [];
  });
  return columns.length > 0 || params.length > 0 ? { inputs: columns, params } : undefined;
}

/**
 * The signature and input-example facts of an MLmodel text. Tolerant: a file being edited or a
 * signature MLflow would reject yields what could be read, never an exception.
 */
export function readServingInfo(mlmodelText: string): ServingModelInfo {
  const root = parseYaml(mlmodelText).root;
  const sig = child(root, 'signature');
  const info = child(root, 'saved_input_example_info');
  const type = scalarText(child(info, 'type'));
  return {
    signature: parseSignature(scalarText(child(sig, 'inputs')), scalarText(child(sig, 'params'))),
    inputExample:
      type === undefined
        ? undefined
        : {
            type,
            pandasOrient: scalarText(child(info, 'pandas_orient')),
            artifactPath: scalarText(child(info, 'artifact_path')),
            servingInputPath: scalarText(child(info, 'serving_input_path')),
          },
  };
}
