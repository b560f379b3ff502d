// A chart axis as the value of a <select> option and back. The parts are apart by NULs and the key
// comes last, taking the rest: a key may hold anything (a NUL, "agg", markup) and still round-trips.
import { AGGREGATES, type AggregateFn } from './columns';
import type { AxisColumn } from './chartData';

const SEP = '\u0000';

/** The axis as an option's value: `metric|param NUL key`, or `agg NUL fn NUL step NUL key`. */
export function axisOption(c: AxisColumn): string {
  if (c.kind !== 'agg') {
    return `${c.kind}${SEP}${c.key}`;
  }
  const at = c.fn === 'step' ? String(c.at ?? 0) : '';
  return ['agg', c.fn, at, c.key].join(SEP);
}

/** The axis an option's value names, or undefined for anything else (the "(no axis)" option too). */
export function parseAxis(v: string): AxisColumn | undefined {
  const [kind, ...rest] = v.split(SEP);
  if (kind === 'metric' || kind === 'param') {
    return { kind, key: rest.join(SEP) };
  }
  if (kind !== 'agg') {
    return undefined;
  }
  const [fn, at, ...key] = rest;
  if (!isAggregate(fn) || key.length === 0) {
    return undefined;
  }
  if (fn !== 'step') {
    return at === '' ? { kind, fn, key: key.join(SEP) } : undefined;
  }
  const step = at === undefined || !/^\d+$/.test(at) ? NaN : Number(at);
  return Number.isSafeInteger(step) ? { kind, fn, key: key.join(SEP), at: step } : undefined;
}

const isAggregate = (fn: string | undefined): fn is AggregateFn =>
  (AGGREGATES as readonly string[]).includes(fn ?? '');
