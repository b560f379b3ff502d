import type { Comparator, FilterClause } from './searchFilter';

/** Does the SQL LIKE pattern (`%`, `_`) match the whole string? */
export function likeMatches(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '[\\s\\S]*')
    .replace(/_/g, '[\\s\\S]');
  return new RegExp(`^${re}$`, caseInsensitive ? 'i' : '').test(value);
}

/**
 * Apply one comparator. A missing value never matches (as in SQL, where the join finds no row)
 * except `IS NULL`. Numbers compare numerically, NaN matching only `!=` (as Python compares it in
 * MLflow's file store); strings compare as strings.
 */
export function compareValue(
  actual: string | number | undefined,
  op: Comparator,
  expected: FilterClause['value'],
): boolean {
  if (op === 'IS NULL' || op === 'IS NOT NULL') {
    return (actual === undefined) === (op === 'IS NULL');
  }
  if (actual === undefined || expected === null) {
    return false;
  }
  if (Array.isArray(expected)) {
    const inList = expected.includes(String(actual));
    return op === 'IN' ? inList : op === 'NOT IN' ? !inList : false;
  }
  if (op === 'LIKE' || op === 'ILIKE') {
    return likeMatches(String(actual), String(expected), op === 'ILIKE');
  }
  const a = typeof expected === 'number' ? Number(actual) : actual;
  const b = expected as string | number;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}
