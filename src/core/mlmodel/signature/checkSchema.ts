import { closestMatch } from '../closestMatch';
import { checkRequiredFlag, checkTypeSpec } from './checkTypeSpec';
import { jsonProp, jsonStringProp, type JsonNode } from './jsonNode';
import { NUMPY_DTYPES, isKnownDtype, type SignatureProblem } from './signatureTypes';
import { clipForMessage } from '../../yaml/clipForMessage';

const FLEXIBLE_SIZED = /^[<>|=]?[SUaV]\d+$/;

function checkTensorSpec(spec: JsonNode, problems: SignatureProblem[]): void {
  const tensor = jsonProp(spec, 'tensor-spec');
  if (tensor?.value.kind !== 'object') {
    problems.push({
      range: tensor?.value.range ?? spec.range,
      message: 'A tensor spec needs "tensor-spec": {"dtype": ..., "shape": [...]}.',
    });
    return;
  }
  checkTensorDtype(tensor.value, problems);
  checkTensorShape(tensor.value, problems);
}

/** The tensor's "dtype": a numpy dtype name, not a sized flexible one (MLflow refuses "<U10"). */
function checkTensorDtype(tensor: JsonNode, problems: SignatureProblem[]): void {
  const dtype = jsonProp(tensor, 'dtype');
  if (dtype?.value.kind !== 'string') {
    problems.push({
      range: dtype?.value.range ?? tensor.range,
      message: '"tensor-spec" needs a "dtype" string (a numpy dtype name).',
    });
    return;
  }
  const name = dtype.value.value;
  if (FLEXIBLE_SIZED.test(name)) {
    problems.push({
      range: dtype.value.range,
      message: `Sized flexible dtype "${clipForMessage(name)}" is not supported; use "str", "bytes" or "object".`,
    });
  } else if (!isKnownDtype(name)) {
    const suggestion = closestMatch(name, NUMPY_DTYPES);
    const range = { start: dtype.value.range.start + 1, end: dtype.value.range.end - 1 };
    const message = `Unknown numpy dtype "${clipForMessage(name)}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`;
    problems.push(suggestion ? { range, message, replacement: suggestion } : { range, message });
  }
}

/** The tensor's "shape": a list of dimensions, each a non-negative integer or -1. */
function checkTensorShape(tensor: JsonNode, problems: SignatureProblem[]): void {
  const shape = jsonProp(tensor, 'shape');
  if (shape?.value.kind !== 'array') {
    problems.push({
      range: shape?.value.range ?? tensor.range,
      message: '"tensor-spec" needs a "shape": a list of integers, -1 for a variable dimension.',
    });
    return;
  }
  for (const dim of shape.value.items) {
    if (dim.kind !== 'number' || !Number.isInteger(dim.value) || dim.value < -1) {
      problems.push({
        range: dim.range,
        message: 'A dimension is a non-negative integer, or -1 for a variable one.',
      });
    }
  }
}

function hasName(spec: JsonNode): boolean {
  const name = jsonProp(spec, 'name');
  return name !== undefined && name.value.kind !== 'null';
}

/** Mixed column/tensor specs, mixed named/unnamed specs, several unnamed tensors, unnamed optional inputs. */
function checkConsistency(specs: readonly JsonNode[], problems: SignatureProblem[]): void {
  const isTensor = (spec: JsonNode): boolean => jsonStringProp(spec, 'type') === 'tensor';
  const tensors = specs.filter(isTensor);
  if (tensors.length > 0 && tensors.length < specs.length) {
    const minority = tensors.length <= specs.length / 2 ? tensors[0] : specs.find((s) => !isTensor(s));
    problems.push({
      range: (minority ?? specs[0])?.range ?? { start: 0, end: 0 },
      message: 'Column specs and tensor specs cannot be mixed in one schema.',
    });
  }
  const named = specs.filter(hasName);
  if (named.length > 0 && named.length < specs.length) {
    const odd = specs.find((s) => !hasName(s));
    problems.push({
      range: odd?.range ?? { start: 0, end: 0 },
      message: 'Either every spec has a "name" or none has: named and unnamed specs cannot be mixed.',
    });
  }
  if (named.length === 0 && tensors.length > 1) {
    problems.push({
      range: tensors[1]?.range ?? { start: 0, end: 0 },
      message: 'Only one unnamed tensor spec is allowed.',
    });
  }
  for (const spec of specs) {
    const required = jsonProp(spec, 'required');
    if (!hasName(spec) && required?.value.kind === 'boolean' && !required.value.value) {
      problems.push({ range: required.value.range, message: 'An unnamed input cannot be optional.' });
    }
  }
}

/**
 * Check `signature.inputs` or `signature.outputs` (JSON already parsed) against MLflow's Schema
 * rules. Offsets in the result are into the JSON text.
 */
export function checkSchema(root: JsonNode): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  if (root.kind !== 'array') {
    return [{ range: root.range, message: 'A schema is a JSON list of column specs or tensor specs.' }];
  }
  if (root.items.length === 0) {
    return [{ range: root.range, message: 'A schema cannot be empty; use null when there is none.' }];
  }
  for (const spec of root.items) {
    if (spec.kind !== 'object') {
      problems.push({ range: spec.range, message: 'Each entry of a schema is a JSON object.' });
      continue;
    }
    const name = jsonProp(spec, 'name');
    if (name && name.value.kind !== 'string' && name.value.kind !== 'null') {
      problems.push({ range: name.value.range, message: '"name" must be a string.' });
    }
    checkRequiredFlag(spec, problems);
    if (jsonStringProp(spec, 'type') === 'tensor') {
      checkTensorSpec(spec, problems);
    } else {
      checkTypeSpec(spec, problems);
    }
  }
  if (problems.length === 0) {
    checkConsistency(root.items, problems);
  }
  return problems;
}
