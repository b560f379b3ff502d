import type { Metric } from '../entities/metric';

/** Python's float spellings as the file store writes them (`nan`, `inf`, `-inf`, `1e+308`, `-0.0`). */
export function parsePythonFloat(text: string): number {
  switch (text.toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case 'inf':
    case 'infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return Number(text);
  }
}

/** Parse a file-store metric file: one `timestamp value [step]` line per logged value. */
export function parseMetricFile(key: string, text: string): Metric[] {
  const out: Metric[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) {
      continue;
    }
    const value = parsePythonFloat(parts[1] ?? '');
    const timestamp = Number(parts[0]);
    const step = parts[2] === undefined ? 0 : Number(parts[2]);
    if (
      Number.isNaN(timestamp) ||
      Number.isNaN(step) ||
      (Number.isNaN(value) && (parts[1] ?? '').toLowerCase() !== 'nan')
    ) {
      continue;
    }
    out.push({ key, value, timestamp, step });
  }
  return out;
}

/**
 * The value MLflow reports as a run's latest for a metric: the largest step, then the latest
 * timestamp, then the largest value (NaN counted above every number, as Python's max over
 * `(step, timestamp, value)` tuples ends up doing for the last NaN).
 */
export function latestMetric<M extends Metric>(history: readonly M[]): M | undefined {
  let best: M | undefined;
  for (const m of history) {
    if (
      best === undefined ||
      m.step > best.step ||
      (m.step === best.step &&
        (m.timestamp > best.timestamp ||
          (m.timestamp === best.timestamp && (Number.isNaN(m.value) || m.value > best.value))))
    ) {
      best = m;
    }
  }
  return best;
}
