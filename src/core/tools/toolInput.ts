import { ToolInputError, type ToolInput } from './toolTypes';

/** A required non-empty string input. */
export function requiredString(input: ToolInput, key: string): string {
  const v = input[key];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new ToolInputError(`"${key}" is required and must be a non-empty string.`);
  }
  if (v.length > 10_000) {
    throw new ToolInputError(`"${key}" is longer than 10,000 characters.`);
  }
  return v.trim();
}

/** An optional string input (undefined when absent or empty). */
export function optionalString(input: ToolInput, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') {
    return undefined;
  }
  return requiredString(input, key);
}

/** An optional integer input, clamped to [min, max]; `fallback` when absent. */
export function boundedInt(
  input: ToolInput,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = input[key];
  if (v === undefined || v === null) {
    return fallback;
  }
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new ToolInputError(`"${key}" must be an integer.`);
  }
  return Math.min(max, Math.max(min, n));
}

/** An optional list of strings (a single string is taken as a list of one), at most `max` long. */
export function stringList(input: ToolInput, key: string, max: number): string[] {
  const v = input[key];
  if (v === undefined || v === null) {
    return [];
  }
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (list.length > max) {
    throw new ToolInputError(`"${key}" takes at most ${String(max)} items.`);
  }
  return list.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '' || item.length > 10_000) {
      throw new ToolInputError(`"${key}[${String(i)}]" must be a non-empty string.`);
    }
    return item.trim();
  });
}
