import { StoreError } from '../../common/storeError';
import { parseSearchFilter, type FilterClause } from './searchFilter';

/** One `order_by` term. */
export interface OrderTerm {
  readonly type: FilterClause['type'];
  readonly key: string;
  readonly ascending: boolean;
}

/** Parse `order_by` terms like `metrics.\`train/rmse\` DESC` or `name`; ASC is the default. */
export function parseOrderBy(
  terms: readonly string[] | undefined,
  bareType: FilterClause['type'] = 'attributes',
): OrderTerm[] {
  return (terms ?? []).map((term) => {
    const m = /^(.*?)(?:\s+(ASC|DESC))?\s*$/i.exec(term.trim());
    const ident = m?.[1] ?? '';
    // Reuse the filter grammar for the identifier: `<ident> = 0` parses its type and key.
    let clause: FilterClause | undefined;
    try {
      clause = parseSearchFilter(`${ident} = 0`, bareType)[0];
    } catch {
      clause = undefined;
    }
    if (clause === undefined || ident === '' || /\s/.test(ident.replace(/`[^`]*`|"[^"]*"/g, ''))) {
      throw new StoreError('api', `Invalid ordering key in order_by clause '${term}'.`, {
        errorCode: 'INVALID_PARAMETER_VALUE',
        status: 400,
      });
    }
    return { type: clause.type, key: clause.key, ascending: (m?.[2] ?? 'ASC').toUpperCase() === 'ASC' };
  });
}

/**
 * Compare two sort keys; missing values sort last whatever the direction, NaN after every number,
 * as MLflow's SQL store orders them.
 */
export function compareKeys(
  a: string | number | undefined,
  b: string | number | undefined,
  ascending: boolean,
): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? 1 : -1;
  }
  const aNaN = typeof a === 'number' && Number.isNaN(a);
  const bNaN = typeof b === 'number' && Number.isNaN(b);
  if (aNaN || bNaN) {
    return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  }
  const c = a < b ? -1 : a > b ? 1 : 0;
  return ascending ? c : -c;
}
