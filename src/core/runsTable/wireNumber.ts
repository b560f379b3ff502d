import type { MetricFigures } from './columns';

/**
 * A number as it crosses to a webview: VS Code writes webview messages as JSON, where NaN and
 * ±Infinity would arrive as null; MLflow metrics may be any of them.
 */
export type WireNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function toWireNumber(v: number): WireNumber {
  if (Number.isFinite(v)) {
    return v;
  }
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

export function fromWireNumber(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  return v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN;
}

/** {@link MetricFigures} as they cross (the value-at-step map as pairs; null: nothing logged by then). */
export interface WireFigures {
  readonly min: WireNumber;
  readonly max: WireNumber;
  readonly first: WireNumber;
  readonly last: WireNumber;
  readonly at: ReadonlyArray<readonly [number, WireNumber | null]>;
}

export function toWireFigures(f: MetricFigures): WireFigures {
  return {
    min: toWireNumber(f.min),
    max: toWireNumber(f.max),
    first: toWireNumber(f.first),
    last: toWireNumber(f.last),
    at: [...f.at].map(([s, v]) => [s, v === undefined ? null : toWireNumber(v)] as const),
  };
}

export function fromWireFigures(w: WireFigures): MetricFigures {
  return {
    min: fromWireNumber(w.min),
    max: fromWireNumber(w.max),
    first: fromWireNumber(w.first),
    last: fromWireNumber(w.last),
    at: new Map(w.at.map(([s, v]) => [s, v === null ? undefined : fromWireNumber(v)])),
  };
}
