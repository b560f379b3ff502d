// Bench piece for traces (issue 17's budgets): the first page of 100 traces through the REST trace
// store from a loopback server (budget 300 ms), the 211-span trace read whole, and the first page
// of the recorded 3.11.1 mlflow.db with no server. The loopback server answers with the recorded
// 3.11.1 answers; the 100-trace page is the recorded search page's traces repeated with fresh ids
// (the recording has 43), so the page has real fields and real sizes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDatabase } from '../src/core/tracking/sqlite/sqliteDatabase';
import { RestClient } from '../src/core/tracking/rest/restClient';
import { RestTraceStore } from '../src/core/traces/rest/restTraceStore';
import { SqliteTraceStore } from '../src/core/traces/sqlite/sqliteTraceStore';
import { isNoTraces, type TraceStore } from '../src/core/traces/traceStore';
import { startScriptedServer, type ReceivedRequest } from '../test/support/mlflow/scriptedServer';
import { loadTraceExchanges, SHARED_3 } from '../test/support/mlflow/traceFixtures';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7) * 3;
const PAGE = 100;
const round = (x: number): number => Math.round(x * 10) / 10;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** A search answer of `n` traces made from the recorded page's traces, each with its own id. */
function searchAnswer(n: number): string {
  const recorded = loadTraceExchanges('rest').find(
    (e) => e.path === '/api/3.0/mlflow/traces/search' && e.status === 200 && e.text.includes('"traces"'),
  );
  if (recorded === undefined) {
    throw new Error('no recorded traces/search answer in the 3.11.1 fixtures');
  }
  const traces = (JSON.parse(recorded.text) as { traces: Array<Record<string, unknown>> }).traces;
  const page = Array.from({ length: n }, (_, i) => ({
    ...traces[i % traces.length],
    trace_id: `tr-${i.toString(16).padStart(32, '0')}`,
  }));
  return JSON.stringify({ traces: page, next_page_token: 'eyJvZmZzZXQiOiAxMDB9' });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The 211-span trace's id and its recorded traces/get answer. */
function bigTrace(): { id: string; text: string } {
  const e = loadTraceExchanges('rest').find(
    (x) => x.path === '/api/3.0/mlflow/traces/get' && x.text.includes('reindex_knowledge_base'),
  );
  const id = e?.query.find(([k]) => k === 'trace_id')?.[1];
  if (e === undefined || id === undefined) {
    throw new Error('no recorded traces/get answer of the 211-span trace');
  }
  return { id, text: e.text };
}

/** REST: a new client per sample (cold: its first request), and one client reused (warm). */
async function restFigures(): Promise<Record<string, unknown>> {
  const page = searchAnswer(PAGE);
  const big = bigTrace();
  const server = await startScriptedServer();
  server.script((req: ReceivedRequest) =>
    req.path === '/api/3.0/mlflow/traces/get'
      ? { status: 200, contentType: 'application/json', body: big.text }
      : { status: 200, contentType: 'application/json', body: page },
  );
  const open = (): TraceStore => new RestTraceStore(new RestClient({ baseUrl: server.baseUrl }));
  try {
    const first = async (store: TraceStore): Promise<void> => {
      const got = await store.searchTraces({ experimentId: '1', maxResults: PAGE });
      if (isNoTraces(got) || got.items.length !== PAGE) {
        throw new Error('the loopback page did not read as 100 traces');
      }
    };
    const cold: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const store = open();
      cold.push(await timed(() => first(store)));
      store.dispose();
    }
    const warmStore = open();
    const warm: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      warm.push(await timed(() => first(warmStore)));
      whole.push(
        await timed(async () => {
          const t = await warmStore.getTrace(big.id);
          if (t.spans.length !== 211) {
            throw new Error(`the big trace read as ${String(t.spans.length)} spans`);
          }
        }),
      );
    }
    warmStore.dispose();
    return {
      pageBytes: page.length,
      coldFirstPageMedianMs: round(median(cold)),
      warmFirstPageMedianMs: round(median(warm)),
      firstPageBudgetMs: 300,
      span211TraceMedianMs: round(median(whole)),
      span211TraceBytes: big.text.length,
      withinBudget: median(cold) <= 300,
    };
  } finally {
    await server.close();
  }
}

/** The recorded 3.11.1 mlflow.db (43 traces), copied so nothing touches the fixture. */
async function sqliteFigures(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-traces-'));
  const file = path.join(dir, 'mlflow.db');
  fs.copyFileSync(path.join(SHARED_3, 'sqlite', 'mlflow.db'), file);
  try {
    const opened: number[] = [];
    const pages: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let store: TraceStore | undefined;
      opened.push(
        await timed(async () => {
          store = new SqliteTraceStore(await SqliteDatabase.open(file), { ownsDatabase: true });
          await store.searchTraces({ experimentId: '1', maxResults: PAGE });
        }),
      );
      const s = store;
      if (s !== undefined) {
        pages.push(await timed(() => s.searchTraces({ experimentId: '1', maxResults: PAGE })));
        s.dispose();
      }
    }
    return {
      traces: 43,
      openAndFirstPageMedianMs: round(median(opened)),
      firstPageMedianMs: round(median(pages)),
      firstPageBudgetMs: 300,
      withinBudget: median(opened) <= 300,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Both figures; `samples` each, medians. */
export async function traceListing(): Promise<Record<string, unknown>> {
  return {
    samples: SAMPLES,
    restLoopback: await restFigures(),
    sqliteRecorded311: await sqliteFigures(),
    note: 'REST: a loopback server answering the recorded 3.11.1 trace answers (100-trace page made from the recorded page); sqlite: the recorded 3.11.1 mlflow.db',
  };
}
