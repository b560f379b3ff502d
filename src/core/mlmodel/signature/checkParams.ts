import { closestMatch } from '../closestMatch';
import { jsonProp, type JsonNode } from './jsonNode';
import { DATA_TYPES, type SignatureProblem } from './signatureTypes';
import { clipForMessage } from '../../yaml/clipForMessage';

const PARAM_TYPES: readonly string[] = [...DATA_TYPES.filter((t) => t !== 'binary'), 'object'];
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$/;

/** Whether a default value fits a scalar param type. */
function fits(type: string, value: JsonNode): boolean {
  switch (type) {
    case 'boolean':
      return value.kind === 'boolean';
    case 'integer':
    case 'long':
      return value.kind === 'number' && Number.isInteger(value.value);
    case 'float':
    case 'double':
      return value.kind === 'number';
    case 'string':
      return value.kind === 'string';
    case 'datetime':
      return value.kind === 'string' && ISO_DATETIME.test(value.value);
    case 'object':
      return value.kind === 'object';
    default:
      return true;
  }
}

function checkDefault(type: string, spec: JsonNode, problems: SignatureProblem[]): void {
  const shape = jsonProp(spec, 'shape')?.value;
  const isList =
    shape?.kind === 'array' &&
    shape.items.length === 1 &&
    shape.items[0]?.kind === 'number' &&
    shape.items[0].value === -1;
  if (shape && shape.kind !== 'null' && !isList) {
    problems.push({
      range: shape.range,
      message: 'A param "shape" is null (a single value) or [-1] (a list).',
    });
    return;
  }
  const fallback = jsonProp(spec, 'default');
  if (!fallback) {
    problems.push({ range: spec.range, message: 'A param needs a "default".' });
    return;
  }
  const value = fallback.value;
  if (value.kind === 'null') {
    return;
  }
  const what = type === 'datetime' ? 'an ISO datetime string' : `a ${type}`;
  if (isList) {
    if (value.kind !== 'array') {
      problems.push({
        range: value.range,
        message: `The shape is [-1], so the default must be a list of ${type} values.`,
      });
    } else {
      const bad = value.items.find((item) => !fits(type, item));
      if (bad) {
        problems.push({ range: bad.range, message: `This element of the default is not ${what}.` });
      }
    }
  } else if (!fits(type, value)) {
    problems.push({
      range: value.range,
      message: `The default must be ${what}${value.kind === 'array' ? '; a list default needs "shape": [-1]' : ''}.`,
    });
  }
}

/** Check `signature.params` (parsed JSON) against MLflow's ParamSchema rules. */
export function checkParams(root: JsonNode): SignatureProblem[] {
  if (root.kind !== 'array') {
    return [
      { range: root.range, message: 'Params are a JSON list of {"name", "type", "default", "shape"}.' },
    ];
  }
  const problems: SignatureProblem[] = [];
  const names = new Set<string>();
  for (const spec of root.items) {
    if (spec.kind !== 'object') {
      problems.push({ range: spec.range, message: 'Each param is a JSON object.' });
      continue;
    }
    const name = jsonProp(spec, 'name');
    if (name?.value.kind !== 'string') {
      problems.push({ range: name?.value.range ?? spec.range, message: 'A param needs a "name" string.' });
    } else if (names.has(name.value.value)) {
      problems.push({
        range: name.value.range,
        message: `Duplicate param "${clipForMessage(name.value.value)}".`,
      });
    } else {
      names.add(name.value.value);
    }
    // Old MLflow versions wrote "dtype" instead of "type"; both are read.
    const type = jsonProp(spec, 'type') ?? jsonProp(spec, 'dtype');
    if (type?.value.kind !== 'string') {
      problems.push({ range: type?.value.range ?? spec.range, message: 'A param needs a "type" string.' });
      continue;
    }
    const typeName = type.value.value;
    if (typeName === 'binary') {
      problems.push({
        range: type.value.range,
        message: 'Params cannot be "binary"; pass bytes as a base64 "string".',
      });
      continue;
    }
    if (!PARAM_TYPES.includes(typeName)) {
      const suggestion = closestMatch(typeName, PARAM_TYPES);
      const range = { start: type.value.range.start + 1, end: type.value.range.end - 1 };
      const message = `Unknown param type "${clipForMessage(typeName)}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Param types: ${PARAM_TYPES.join(', ')}.`;
      problems.push(suggestion ? { range, message, replacement: suggestion } : { range, message });
      continue;
    }
    checkDefault(typeName, spec, problems);
  }
  return problems;
}
