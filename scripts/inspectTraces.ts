// The `--traces` part of `npm run inspect`: every trace of each experiment with its state, name
// and span count, as text (neutralised like the rest of inspect's output) or JSON.
import { safeForTerminal as safe } from '../src/core/common/safeForTerminal';
import type { TraceOverview } from '../src/core/traces/collectTraceOverview';

/**
 * The human-readable trace list. Trace names, ids and experiment names come from the store (any
 * client may have written them), so each goes through {@link safe}: an escape sequence in a span
 * name must not act on the terminal, and a huge one must not flood it.
 */
export function formatTraceOverview(o: TraceOverview): string {
  if (o.noTraces !== undefined) {
    return `Traces: none (${safe(o.noTraces, 1000)})\n`;
  }
  const lines = [`Traces (${String(o.experiments.reduce((n, e) => n + e.traces.length, 0))})`];
  for (const e of o.experiments) {
    const count = e.traces.length === 0 ? 'no traces' : `${String(e.traces.length)} traces`;
    lines.push(`  ${safe(e.name)} [${safe(e.experimentId)}] (${count})`);
    for (const t of e.traces) {
      const spans = `${String(t.spanCount)} span${t.spanCount === 1 ? '' : 's'}`;
      lines.push(`    ${safe(t.traceId)}  ${t.state}  ${safe(t.name ?? '-')}  ${spans}`);
    }
  }
  return lines.join('\n') + '\n';
}
