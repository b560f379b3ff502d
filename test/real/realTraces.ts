// The real-MLflow tier's trace check: the extension's trace stores (REST against the real
// server, and the server's own mlflow.db read with no server) must list exactly the traces that
// the version's own client logged and read back (fill.py), with their state and span count; a
// server older than MLflow 2.14 must answer "no traces" rather than fail.
import { openStores, type Stores } from '../../src/core/stores/openStores';
import { openTraceStore } from '../../src/core/stores/openTraceStore';
import { parseTrackingUri } from '../../src/core/connection/trackingUri';
import { collectTraceOverview, type TraceOverview } from '../../src/core/traces/collectTraceOverview';
import type { TraceStore } from '../../src/core/traces/traceStore';
import type { FilledTraces } from './tierProtocol';

/** One checked claim, printed by the tier as a step. */
export interface TraceCheck {
  readonly title: string;
  readonly problem: string | undefined;
}

/** Every trace of the experiment named (or of every experiment) in the store at `uri`. */
export async function overviewOf(uri: string, experimentName?: string): Promise<TraceOverview> {
  const parsed = parseTrackingUri(uri, process.cwd());
  if (!parsed.ok) {
    throw new Error(parsed.error);
  }
  let stores: Stores | undefined;
  let traces: TraceStore | undefined;
  try {
    stores = await openStores(parsed.target);
    traces = await openTraceStore(parsed.target);
    return await collectTraceOverview(stores.tracking, traces, { experimentName });
  } finally {
    traces?.dispose();
    stores?.dispose();
  }
}

/** What differs between the client's view and the store's, or undefined when they agree. */
function difference(filled: FilledTraces, found: TraceOverview): string | undefined {
  if (found.noTraces !== undefined) {
    return `the store says it has no traces: ${found.noTraces}`;
  }
  const want = filled.traces.map((t) => `${t.id} ${t.state} ${String(t.spans)}`).sort();
  const got = (found.experiments[0]?.traces ?? [])
    .map((t) => `${t.traceId} ${t.state} ${String(t.spanCount)}`)
    .sort();
  const a = JSON.stringify(want);
  const b = JSON.stringify(got);
  return a === b ? undefined : `the client read ${a}, the store ${b}`;
}

/**
 * Check the trace stores against what fill.py logged; `dbFile` is the server's sqlite store and
 * `experimentName` an experiment that exists on every version (where no traces are expected).
 */
export async function checkRealTraces(
  trackingUri: string,
  dbFile: string,
  filled: FilledTraces | null,
  experimentName: string,
): Promise<TraceCheck[]> {
  const attempt = async (title: string, check: () => Promise<string | undefined>): Promise<TraceCheck> => {
    try {
      return { title, problem: await check() };
    } catch (err) {
      return { title, problem: err instanceof Error ? err.message : String(err) };
    }
  };
  if (filled === null) {
    return [
      await attempt('traces: a server without a trace API answers "no traces", not an error', async () => {
        const found = await overviewOf(trackingUri, experimentName);
        return found.noTraces === undefined ? 'the store did not say it has no traces' : undefined;
      }),
    ];
  }
  const count = String(filled.traces.length);
  return [
    await attempt(
      `traces: REST lists the ${count} traces the client logged, with state and spans`,
      async () => difference(filled, await overviewOf(trackingUri, filled.experimentName)),
    ),
    await attempt(`traces: the server's mlflow.db, read with no server, lists the same ${count}`, async () =>
      difference(filled, await overviewOf(`sqlite:///${dbFile}`, filled.experimentName)),
    ),
  ];
}
