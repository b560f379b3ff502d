/**
 * Field access for the protocol guards without casts. Every guard reads the fields of a value it
 * has not trusted yet; these predicates narrow the value once, so each field is read as `unknown`
 * and must be checked before use, and a guard can never read a field it did not first allow.
 */

/** True when `value` is a non-null object; its fields are then read by name, each still `unknown`. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/**
 * True when `value` is a non-null object whose own enumerable keys are all in `allowed` (a field
 * the guard does not know is refused, so nothing can be smuggled past it). A key may be absent:
 * its value reads as `undefined`, which the guard's own checks refuse where the field is required.
 * Narrows to exactly the allowed keys, so reading any other one is a type error.
 */
export function hasOnlyKeys<K extends string>(
  value: unknown,
  allowed: readonly K[],
): value is Readonly<Record<K, unknown>> {
  const known: readonly string[] = allowed;
  return isRecord(value) && Object.keys(value).every((k) => known.includes(k));
}
