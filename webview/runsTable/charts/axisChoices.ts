// The columns the scatter's and the parallel chart's axis selects list: the metrics and numeric
// params of the loaded runs, then the table's aggregate columns (the host computes the figures of
// those only, so an aggregate not in the table would have none to draw).
import { axisOption } from '../../../src/core/runsTable/axisOption';
import {
  aggregateAxes,
  axisTitle,
  numericParams,
  type AxisColumn,
} from '../../../src/core/runsTable/chartData';
import { rowKeys } from '../../../src/core/runsTable/tableRow';
import { table } from '../tableState';

/** Most metrics and params a select lists (the aggregate columns come on top, never cut). */
export const MAX_OPTIONS = 5000;

/** The scatter's choices: metrics, numeric params, then the aggregate columns. */
export function scatterChoices(): AxisColumn[] {
  const keys = rowKeys(table.rows);
  return listed(
    [
      ...keys.metrics.map((key): AxisColumn => ({ kind: 'metric', key })),
      ...numericParams(table.rows, keys.params).map((key): AxisColumn => ({ kind: 'param', key })),
      ...aggregateAxes(table.columns),
    ],
    MAX_OPTIONS,
  );
}

/** What a select lists of `choices`: the first `max` metrics and params, then every aggregate column. */
export function listed(choices: readonly AxisColumn[], max: number): AxisColumn[] {
  return [
    ...choices.filter((c) => c.kind !== 'agg').slice(0, max),
    ...choices.filter((c) => c.kind === 'agg'),
  ];
}

/** A select's options for the choices: the encoded axis, and its title (an aggregate's header). */
export function axisOptions(choices: readonly AxisColumn[]): Array<[string, string]> {
  return choices.map((c) => [axisOption(c), axisTitle(c, 120)]);
}

/** The picked axes without the aggregates whose columns left the table (no select lists them now). */
export function withoutRemovedAggregates(axes: readonly AxisColumn[]): AxisColumn[] {
  const shown = new Set(aggregateAxes(table.columns).map(axisOption));
  return axes.filter((c) => c.kind !== 'agg' || shown.has(axisOption(c)));
}
