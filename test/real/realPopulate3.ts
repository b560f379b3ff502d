// The real-MLflow tier's GenAI fill, on 3.11.1 only: the fixture script that produced the recorded
// 3.11.1 store (../shared/fixtures/mlflow-3.11.1/scripts/populate3.py, run in place, never copied)
// fills the tier's real server with the support agent's traces, assessments, evaluations, prompts
// and logged models. Then the extension's trace stores must read every trace back, each one
// whole, over REST and from the server's own mlflow.db, and find every trace the script names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Group } from './processGroup';
import { overviewOf, type TraceCheck } from './realTraces';

/** Where the recorded 3.11.1 fixtures (and the script that made them) live, beside the repository. */
const POPULATE3 = path.resolve(__dirname, '../../../shared/fixtures/mlflow-3.11.1/scripts/populate3.py');
/** populate3.py took 110 s on a loaded 2-core machine when the fixtures were made. */
const POPULATE_MS = 600_000;

/** Every trace id anywhere in the script's summary (its `traces` lists and assessments). */
function traceIdsIn(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string' && /^tr-[0-9a-f]{32}$/.test(v)) {
    out.add(v);
  } else if (Array.isArray(v)) {
    v.forEach((x) => traceIdsIn(x, out));
  } else if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach((x) => traceIdsIn(x, out));
  }
  return out;
}

/** `id state spans` for every trace of every experiment, each trace read whole to count spans. */
async function everyTrace(uri: string): Promise<string[]> {
  const overview = await overviewOf(uri);
  if (overview.noTraces !== undefined) {
    throw new Error(`the store says it has no traces: ${overview.noTraces}`);
  }
  return overview.experiments
    .flatMap((e) => e.traces.map((t) => `${t.traceId} ${t.state} ${String(t.spanCount)}`))
    .sort();
}

/** Run populate3.py against the tier's server (cwd `tmp`), then check the trace stores. */
export async function checkPopulatedStore(
  python: string,
  trackingUri: string,
  dbFile: string,
  tmp: string,
  env: NodeJS.ProcessEnv,
): Promise<{ checks: TraceCheck[]; fillMs: number }> {
  if (!fs.existsSync(POPULATE3)) {
    return {
      checks: [{ title: 'populate3.py (the 3.11.1 fixture script)', problem: `not found at ${POPULATE3}` }],
      fillMs: 0,
    };
  }
  const summaryFile = path.join(tmp, 'populate3.json');
  const t = Date.now();
  const fill = Group.start(
    python,
    [POPULATE3, '--tracking-uri', trackingUri, '--summary', summaryFile],
    env,
    path.join(tmp, 'populate3.log'),
    tmp,
  );
  const timer = setTimeout(() => {
    void fill.stop();
  }, POPULATE_MS);
  const code = await fill.exited;
  clearTimeout(timer);
  await fill.stop();
  const fillMs = Date.now() - t;
  if (code !== 0 || !fs.existsSync(summaryFile)) {
    const log = fill.log().split('\n').slice(-15).join('\n');
    return {
      checks: [{ title: 'populate3.py fills the real server', problem: `exit ${String(code)}:\n${log}` }],
      fillMs,
    };
  }
  const named = traceIdsIn((JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as { traces?: unknown }).traces);
  const attempt = async (title: string, check: () => Promise<string | undefined>): Promise<TraceCheck> => {
    try {
      return { title, problem: await check() };
    } catch (err) {
      return { title, problem: err instanceof Error ? err.message : String(err) };
    }
  };
  let rest: string[] = [];
  const checks = [
    await attempt(
      `populate3: REST reads back every trace whole, incl. the ${String(named.size)} the script names`,
      async () => {
        rest = await everyTrace(trackingUri);
        const ids = new Set(rest.map((l) => l.split(' ')[0]));
        const missing = [...named].filter((id) => !ids.has(id));
        return missing.length === 0 && rest.length >= named.size
          ? undefined
          : `${String(missing.length)} named traces missing (${missing.slice(0, 3).join(', ')}); ${String(rest.length)} listed`;
      },
    ),
    await attempt(
      "populate3: the server's mlflow.db, read with no server, holds the same traces, states and span counts",
      async () => {
        const local = await everyTrace(`sqlite:///${dbFile}`);
        const a = JSON.stringify(rest);
        const b = JSON.stringify(local);
        return rest.length > 0 && a === b
          ? undefined
          : `REST ${String(rest.length)} traces, mlflow.db ${String(local.length)}; first difference near ${firstDifference(rest, local)}`;
      },
    ),
  ];
  return { checks, fillMs };
}

function firstDifference(a: readonly string[], b: readonly string[]): string {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i < 0 ? `index ${String(a.length)}` : `${a[i] ?? '∅'} vs ${b[i] ?? '∅'}`;
}
