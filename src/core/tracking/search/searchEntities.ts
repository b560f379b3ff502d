import { compareValue } from './matchClause';
import { compareKeys, parseOrderBy, type OrderTerm } from './orderBy';
import { parseSearchFilter, type FilterClause } from './searchFilter';

/** Reads the value a filter clause or order term refers to; undefined when the entity lacks it. */
export type ValueOf<T> = (item: T, type: FilterClause['type'], key: string) => string | number | undefined;

/** How a local store searches one kind of entity in memory. */
export interface EntitySearch<T> {
  readonly valueOf: ValueOf<T>;
  /** Type of unprefixed identifiers (`name` means an attribute of experiments and models). */
  readonly bareType?: FilterClause['type'];
  /** Terms appended after the caller's order_by, so results are always in a total order. */
  readonly tieBreakers: readonly OrderTerm[];
  /** Custom matching for clause types the value reader cannot express (datasets). */
  readonly matches?: (item: T, clause: FilterClause) => boolean | undefined;
}

/**
 * Filter and order entities in memory with MLflow's grammar, for the stores that have no server
 * to do it: AND-ed clauses, then `order_by`, then the tie-breakers.
 */
export function searchEntities<T>(
  items: readonly T[],
  filter: string | undefined,
  orderBy: readonly string[] | undefined,
  how: EntitySearch<T>,
): T[] {
  const clauses = parseSearchFilter(filter, how.bareType);
  const order = [...parseOrderBy(orderBy, how.bareType), ...how.tieBreakers];
  return items
    .filter((item) =>
      clauses.every(
        (c) =>
          how.matches?.(item, c) ?? compareValue(how.valueOf(item, c.type, c.key), c.comparator, c.value),
      ),
    )
    .sort((a, b) => {
      for (const t of order) {
        const c = compareKeys(how.valueOf(a, t.type, t.key), how.valueOf(b, t.type, t.key), t.ascending);
        if (c !== 0) {
          return c;
        }
      }
      return 0;
    });
}
