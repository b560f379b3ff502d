import { parseCsv } from './csvBody';
import type { ColumnInput, ParamSpec, ServingSignature, TensorInput } from './servingSignature';
import { SERVING_INPUT_KEYS } from './wrapInputExample';

/** One finding about a request body; errors are what the scoring server would refuse. */
export interface RequestProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

const MAX_PROBLEMS = 20;
const MAX_ROWS_CHECKED = 1000;

type Report = (severity: RequestProblem['severity'], message: string) => void;

function describe(v: unknown): string {
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'an object'
        : `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

/** Whether a JSON value fits a column type as MLflow's schema enforcement reads JSON. */
export function fitsColumnType(value: unknown, spec: ColumnInput): boolean {
  switch (spec.type) {
    case 'double':
    case 'float':
      return typeof value === 'number';
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
    case 'binary':
    case 'datetime':
      return typeof value === 'string';
    case 'array':
      return (
        Array.isArray(value) &&
        (spec.items === undefined ||
          (value as unknown[]).every((v) => fitsColumnType(v, spec.items as ColumnInput)))
      );
    case 'map':
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function checkCell(value: unknown, spec: ColumnInput, where: string, report: Report): void {
  if (value === null || value === undefined) {
    if (spec.required) {
      report('error', `${where}: "${spec.name ?? 'value'}" is required but missing or null.`);
    }
    return;
  }
  if (!fitsColumnType(value, spec)) {
    report('error', `${where}: "${spec.name ?? 'value'}" should be ${spec.type}, got ${describe(value)}.`);
  }
}

function checkColumnNames(given: readonly string[], columns: readonly ColumnInput[], report: Report): void {
  for (const c of columns) {
    if (c.name !== undefined && c.required && !given.includes(c.name)) {
      report('error', `Missing required column "${c.name}".`);
    }
  }
  const known = columns.map((c) => c.name);
  for (const g of given) {
    if (!known.includes(g)) {
      report('warning', `Column "${g}" is not in the signature; the server ignores it.`);
    }
  }
}

function checkSplit(frame: unknown, columns: readonly ColumnInput[], report: Report): void {
  const f = frame as { columns?: unknown; data?: unknown };
  if (typeof frame !== 'object' || frame === null || !Array.isArray(f.data)) {
    report('error', '"dataframe_split" needs "data": a list of rows (and "columns": their names).');
    return;
  }
  const names = Array.isArray(f.columns) ? (f.columns as unknown[]).map(String) : undefined;
  if (names) {
    checkColumnNames(names, columns, report);
  }
  const specFor = (i: number): ColumnInput | undefined =>
    names ? columns.find((c) => c.name === names[i]) : columns[i];
  (f.data as unknown[]).slice(0, MAX_ROWS_CHECKED).forEach((row, r) => {
    if (!Array.isArray(row)) {
      report('error', `Row ${String(r + 1)} is not a list of values.`);
      return;
    }
    const width = names?.length ?? columns.length;
    if (row.length !== width) {
      report('error', `Row ${String(r + 1)} has ${String(row.length)} values for ${String(width)} columns.`);
      return;
    }
    (row as unknown[]).forEach((v, i) => {
      const spec = specFor(i);
      if (spec) {
        checkCell(v, spec, `Row ${String(r + 1)}`, report);
      }
    });
  });
}

function checkRecords(records: unknown, columns: readonly ColumnInput[], report: Report): void {
  if (!Array.isArray(records)) {
    report('error', '"dataframe_records" needs a list of {column: value} objects.');
    return;
  }
  (records as unknown[]).slice(0, MAX_ROWS_CHECKED).forEach((rec, r) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      report('error', `Record ${String(r + 1)} is not an object.`);
      return;
    }
    const obj = rec as Record<string, unknown>;
    if (r === 0) {
      checkColumnNames(Object.keys(obj), columns, report);
    }
    for (const c of columns) {
      if (c.name !== undefined && c.name in obj) {
        checkCell(obj[c.name], c, `Record ${String(r + 1)}`, report);
      }
    }
  });
}

function tensorProblem(value: unknown, spec: TensorInput): string | undefined {
  let level: unknown = value;
  for (let d = 0; d < spec.shape.length; d++) {
    if (!Array.isArray(level)) {
      return `should have ${String(spec.shape.length)} dimensions (shape [${spec.shape.join(', ')}]), found ${String(d)}`;
    }
    const want = spec.shape[d] ?? -1;
    if (want >= 0 && level.length !== want) {
      return `dimension ${String(d + 1)} has ${String(level.length)} entries, the shape says ${String(want)}`;
    }
    level = (level as unknown[])[0];
  }
  if (Array.isArray(level)) {
    return `has more dimensions than the shape [${spec.shape.join(', ')}]`;
  }
  const numeric = !/^(str|unicode|bytes|object)/.test(spec.dtype);
  if (numeric && level !== undefined && typeof level !== 'number' && typeof level !== 'boolean') {
    return `holds ${describe(level)} where ${spec.dtype} numbers are expected`;
  }
  return undefined;
}

function checkTensors(inputs: unknown, tensors: readonly TensorInput[], report: Report): void {
  const named = tensors.every((t) => t.name !== undefined);
  if (named && typeof inputs === 'object' && inputs !== null && !Array.isArray(inputs)) {
    const obj = inputs as Record<string, unknown>;
    for (const t of tensors) {
      const p = t.name !== undefined && t.name in obj ? tensorProblem(obj[t.name], t) : `is missing`;
      if (p) {
        report('error', `Input "${t.name ?? ''}" ${p}.`);
      }
    }
    return;
  }
  const only = tensors[0];
  if (tensors.length === 1 && only) {
    const p = tensorProblem(inputs, only);
    if (p) {
      report('error', `"inputs" ${p}.`);
    }
    return;
  }
  report(
    'error',
    `"inputs" should be an object with the tensors ${tensors.map((t) => `"${t.name ?? ''}"`).join(', ')}.`,
  );
}

function checkParams(params: unknown, specs: readonly ParamSpec[], report: Report): void {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    report('error', '"params" must be an object of name: value.');
    return;
  }
  for (const [name, value] of Object.entries(params)) {
    const spec = specs.find((p) => p.name === name);
    if (!spec) {
      // MLflow 2.17 logs "Unrecognized params … are ignored" and still answers 200 (recorded).
      report(
        'warning',
        specs.length === 0
          ? `This model takes no params: "${name}" is ignored.`
          : `Unknown param "${name}" is ignored (the signature has ${specs.map((p) => `"${p.name}"`).join(', ')}).`,
      );
      continue;
    }
    const asColumn: ColumnInput = { kind: 'column', name, type: spec.type, required: false };
    const values = spec.shape !== null && Array.isArray(value) ? (value as unknown[]) : [value];
    if (spec.shape !== null && !Array.isArray(value)) {
      report('error', `Param "${name}" should be a list of ${spec.type}.`);
    } else if (!values.every((v) => v === null || fitsColumnType(v, asColumn))) {
      report('error', `Param "${name}" should be ${spec.type}, got ${describe(value)}.`);
    }
  }
}

function checkJson(body: string, signature: ServingSignature | undefined, report: Report): void {
  const obj = parseJsonObject(body, report);
  if (obj === undefined) {
    return;
  }
  const key = checkTopLevelKeys(obj, report);
  if (signature) {
    checkAgainstSignature(obj, key, signature, report);
  }
}

/** The body as a JSON object, or undefined (reported) when it is not JSON or not an object. */
function parseJsonObject(body: string, report: Report): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    report('error', `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report('error', `The body must be a JSON object with one of ${SERVING_INPUT_KEYS.join(', ')}.`);
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

const isInputKey = (k: string): boolean => (SERVING_INPUT_KEYS as readonly string[]).includes(k);

/**
 * Reports a missing or doubled input-format key and any key the server does not know; returns
 * the (first) input-format key given, which decides how the rest is read.
 */
function checkTopLevelKeys(obj: Record<string, unknown>, report: Report): string | undefined {
  const keys = Object.keys(obj).filter(isInputKey);
  if (keys.length !== 1) {
    report(
      'error',
      keys.length === 0
        ? `The body needs one of ${SERVING_INPUT_KEYS.join(', ')}.`
        : `Only one of ${keys.join(', ')} may be given.`,
    );
  }
  for (const k of Object.keys(obj)) {
    if (k !== 'params' && !isInputKey(k)) {
      report('error', `Unknown key "${k}": the server accepts ${SERVING_INPUT_KEYS.join(', ')} and params.`);
    }
  }
  return keys[0];
}

/** The params, and the input under `key` read the way its format and the signature's kind say. */
function checkAgainstSignature(
  obj: Record<string, unknown>,
  key: string | undefined,
  signature: ServingSignature,
  report: Report,
): void {
  if ('params' in obj) {
    checkParams(obj.params, signature.params, report);
  }
  const tensors = signature.inputs.filter((i): i is TensorInput => i.kind === 'tensor');
  const columns = signature.inputs.filter((i): i is ColumnInput => i.kind === 'column');
  if (tensors.length > 0 && (key === 'inputs' || key === 'instances')) {
    checkTensors(obj[key], tensors, report);
  } else if (columns.length > 0 && key === 'dataframe_split') {
    checkSplit(obj[key], columns, report);
  } else if (columns.length > 0 && key === 'dataframe_records') {
    checkRecords(obj[key], columns, report);
  } else if (tensors.length > 0 && key !== undefined) {
    report('warning', `This model has a tensor signature; "${key}" is meant for column signatures.`);
  }
}

function checkCsvBody(body: string, signature: ServingSignature | undefined, report: Report): void {
  const rows = parseCsv(body);
  const header = rows[0];
  if (!header || header.every((h) => h === '')) {
    report('error', 'A CSV body needs a header row of column names.');
    return;
  }
  rows.slice(1, MAX_ROWS_CHECKED + 1).forEach((row, r) => {
    if (row.length !== header.length) {
      report(
        'error',
        `CSV row ${String(r + 1)} has ${String(row.length)} fields for ${String(header.length)} columns.`,
      );
    }
  });
  const columns = signature?.inputs.filter((i): i is ColumnInput => i.kind === 'column') ?? [];
  if (signature && signature.inputs.length > 0 && columns.length === 0) {
    report('warning', 'This model has a tensor signature; CSV is read as a data frame.');
  }
  checkColumnNames(header, columns, report);
}

/**
 * Check a request body against the model's signature as the scoring server would: the request
 * format keys, required columns, value types per column, tensor shapes and dtypes, and params.
 * Pure and bounded (the first 1,000 rows, 20 findings), so it can run on every keystroke.
 */
export function checkRequestBody(
  body: string,
  contentType: 'application/json' | 'text/csv',
  signature: ServingSignature | undefined,
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const report: Report = (severity, message) => {
    if (problems.length < MAX_PROBLEMS && !problems.some((p) => p.message === message)) {
      problems.push({ severity, message });
    }
  };
  if (contentType === 'text/csv') {
    checkCsvBody(body, signature, report);
  } else {
    checkJson(body, signature, report);
  }
  return problems;
}
