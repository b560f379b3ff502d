import { closestMatch } from '../closestMatch';
import { jsonProp, type JsonNode } from './jsonNode';
import { COLUMN_TYPES, type SignatureProblem } from './signatureTypes';
import { clipForMessage } from '../../yaml/clipForMessage';

function inner(node: JsonNode): JsonNode['range'] {
  // Point at the text between a string's quotes, so a replacement needs no quoting.
  return node.kind === 'string' ? { start: node.range.start + 1, end: node.range.end - 1 } : node.range;
}

/**
 * Check a column type specification: `{"type": ...}` with the fields its type needs. Used for
 * column specs, array items, object properties and map values, which share one grammar.
 */
export function checkTypeSpec(spec: JsonNode, problems: SignatureProblem[], depth = 0): void {
  if (spec.kind !== 'object') {
    problems.push({
      range: spec.range,
      message: 'A type specification must be a JSON object with a "type".',
    });
    return;
  }
  const type = jsonProp(spec, 'type');
  if (!type) {
    problems.push({ range: spec.range, message: 'This specification has no "type".' });
    return;
  }
  if (type.value.kind !== 'string') {
    problems.push({ range: type.value.range, message: '"type" must be a string.' });
    return;
  }
  const name = type.value.value;
  if (!COLUMN_TYPES.includes(name)) {
    const suggestion = closestMatch(name, COLUMN_TYPES);
    const message = `Unknown type "${clipForMessage(name)}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Column types: ${COLUMN_TYPES.join(', ')}.`;
    problems.push(
      suggestion
        ? { range: inner(type.value), message, replacement: suggestion }
        : { range: inner(type.value), message },
    );
    return;
  }
  if (depth > 32) {
    return;
  }
  if (name === 'array' || name === 'map') {
    const key = name === 'array' ? 'items' : 'values';
    const nested = jsonProp(spec, key);
    if (!nested) {
      problems.push({
        range: type.value.range,
        message: `An ${name} type needs "${key}" describing its elements.`,
      });
    } else {
      checkTypeSpec(nested.value, problems, depth + 1);
    }
  } else if (name === 'object') {
    const properties = jsonProp(spec, 'properties');
    if (properties?.value.kind !== 'object') {
      problems.push({
        range: properties?.value.range ?? type.value.range,
        message: 'An object type needs "properties": a JSON object of property specifications.',
      });
    } else {
      if (properties.value.props.length === 0) {
        problems.push({
          range: properties.value.range,
          message: 'An object type needs at least one property.',
        });
      }
      for (const prop of properties.value.props) {
        checkRequiredFlag(prop.value, problems);
        checkTypeSpec(prop.value, problems, depth + 1);
      }
    }
  }
}

/** `required` is optional, and a boolean when present. */
export function checkRequiredFlag(spec: JsonNode, problems: SignatureProblem[]): void {
  const required = jsonProp(spec, 'required');
  if (required && required.value.kind !== 'boolean') {
    problems.push({ range: required.value.range, message: '"required" must be true or false.' });
  }
}
