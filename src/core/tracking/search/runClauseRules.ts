import { StoreError } from '../../common/storeError';
import type { Comparator, FilterClause } from './searchFilter';

const METRIC_COMPARATORS: readonly Comparator[] = ['>', '>=', '!=', '=', '<', '<='];
const PARAM_TAG_COMPARATORS: readonly Comparator[] = ['!=', '=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];
const STRING_ATTRIBUTE_COMPARATORS: readonly Comparator[] = ['!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const DATASET_COMPARATORS: readonly Comparator[] = ['!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

/** Run attributes a filter may name (MLflow's RunInfo searchable attributes and their aliases). */
const NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time', 'created', 'Created']);
const STRING_ATTRIBUTES = new Set([
  'run_id',
  'run_name',
  'user_id',
  'status',
  'artifact_uri',
  'run name',
  'Run name',
  'Run Name',
]);
const DATASET_KEYS = new Set(['name', 'digest', 'context']);

/** MLflow's singular names, which its messages use. */
const TYPE_NAMES: Readonly<Record<FilterClause['type'], string>> = {
  metrics: 'metric',
  params: 'parameter',
  tags: 'tag',
  attributes: 'attribute',
  datasets: 'dataset',
};

function invalid(message: string): StoreError {
  return new StoreError('api', message, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

function setText(items: Iterable<string>): string {
  return `{${[...items].map((x) => `'${x}'`).join(', ')}}`;
}

/** The key and value checks MLflow makes while parsing one clause (identifier, then value). */
function checkKeyAndValue(c: FilterClause): void {
  checkKey(c);
  if (c.value === null) {
    if (c.type !== 'tags' && c.type !== 'params') {
      throw invalid(
        `IS NULL / IS NOT NULL is only supported for tags and params, not for '${TYPE_NAMES[c.type]}' '${c.key}'`,
      );
    }
    return;
  }
  const problem = valueProblem(c);
  if (problem !== undefined) {
    throw invalid(problem);
  }
}

/** Attributes and dataset fields are a closed set; metric, param and tag keys are free. */
function checkKey(c: FilterClause): void {
  if (c.type === 'attributes' && !NUMERIC_ATTRIBUTES.has(c.key) && !STRING_ATTRIBUTES.has(c.key)) {
    throw invalid(
      `Invalid attribute key '${c.key}' specified. Valid keys are '${setText([...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES])}'`,
    );
  }
  if (c.type === 'datasets' && !DATASET_KEYS.has(c.key)) {
    throw invalid(`Invalid dataset key '${c.key}' specified. Valid keys are '${setText(DATASET_KEYS)}'`);
  }
}

/** Why a (non-null) value does not suit the clause's key type, in MLflow's words, or undefined. */
function valueProblem(c: FilterClause): string | undefined {
  switch (c.type) {
    case 'metrics':
      return typeof c.value === 'number'
        ? undefined
        : `Expected numeric value type for metric. Found ${c.valueText}`;
    case 'params':
    case 'tags':
      return typeof c.value === 'string'
        ? undefined
        : `Expected a quoted string value for ${TYPE_NAMES[c.type]} (e.g. 'my-value'). Got value ${c.valueText}`;
    case 'attributes':
      return attributeValueProblem(c);
    case 'datasets':
      return typeof c.value === 'number'
        ? `Expected a quoted string value for dataset attributes. Got value ${c.valueText}`
        : undefined;
  }
  return undefined;
}

/** Numeric attributes take a number; of the string ones only run_id takes an IN list. */
function attributeValueProblem(c: FilterClause): string | undefined {
  if (NUMERIC_ATTRIBUTES.has(c.key)) {
    return typeof c.value === 'number'
      ? undefined
      : `Expected numeric value type for numeric attribute: ${c.key}. Found ${c.valueText}`;
  }
  if (Array.isArray(c.value) && c.key !== 'run_id') {
    return "Only the 'run_id' attribute supports comparison with a list of quoted string values.";
  }
  return typeof c.value === 'number'
    ? `Expected a quoted string value for attributes. Got value ${c.valueText}`
    : undefined;
}

function comparatorsFor(c: FilterClause): readonly Comparator[] {
  switch (c.type) {
    case 'metrics':
      return METRIC_COMPARATORS;
    case 'params':
    case 'tags':
      return PARAM_TAG_COMPARATORS;
    case 'datasets':
      return DATASET_COMPARATORS;
    case 'attributes':
      return NUMERIC_ATTRIBUTES.has(c.key) ? METRIC_COMPARATORS : STRING_ATTRIBUTE_COMPARATORS;
  }
}

/**
 * Reject a run filter the way MLflow's search does, with its wording: first every clause's key
 * and value (a metric needs a number, a param or tag a quoted string, only `run_id` and dataset
 * keys take an `IN` list, `lifecycle_stage` is no searchable attribute), then every clause's
 * comparator for its key type (no `>` on params, no `LIKE` on metrics). MLflow's file store and
 * SQL store apply the same rules, so the local stores answer what a server on them would.
 */
export function checkRunClauses(clauses: readonly FilterClause[]): void {
  clauses.forEach(checkKeyAndValue);
  for (const c of clauses) {
    const allowed = comparatorsFor(c);
    if (!allowed.includes(c.comparator)) {
      throw invalid(`Invalid comparator '${c.comparator}' not one of '${setText(allowed)}'`);
    }
  }
}
