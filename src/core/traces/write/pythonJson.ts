import type { JsonValue } from '../parse/losslessJson';

/**
 * JSON text as Python's `json.dumps` writes it with its defaults (`", "` and `": "` separators,
 * non-ASCII escaped as `\uXXXX`), which is how MLflow's client serializes a list or dict
 * expectation into `serialized_value`. Written the same way, our expectations read back the same
 * in MLflow's UI and in `trace.text`-style searches over the stored text.
 */
export function pythonJsonDumps(v: JsonValue): string {
  if (v === null) {
    return 'null';
  }
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (typeof v !== 'object') {
    return JSON.stringify(v);
  }
  if (isList(v)) {
    return `[${v.map(pythonJsonDumps).join(', ')}]`;
  }
  return `{${Object.entries(v)
    .map(([k, x]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(x)}`)
    .join(', ')}}`;
}

function isList(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v);
}
