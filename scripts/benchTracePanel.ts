// Bench piece for the trace panel as a user sees it (issue 17's budget: a 211-span trace shown
// ≤ 500 ms from the command): the recorded 3.11.1 mlflow.db plus one hostile trace (markup, bidi,
// control characters, 1 MB inputs and outputs; test/support/mlflow/hostileTraceDb.ts), opened as
// the workspace's local store in a real code-server window; each trace opened in a fresh panel,
// timed from the command to the webview's report that its span rows are on screen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { launchChromium, makeSandbox, removeSandbox, startCodeServer } from '../test/harness/codeServer';
import { runSuiteInPage } from '../test/harness/runInHost';
import { writeHostileTraceDb } from '../test/support/mlflow/hostileTraceDb';
import { SHARED_3 } from '../test/support/mlflow/traceFixtures';

/** The recorded 211-span trace of the 3.11.1 store. */
const MANY_SPANS = 'tr-c2e32c06106cfeedb6970f34b44aede0';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7);
const BUDGET_MS = 500;
const round = (x: number): number => Math.round(x * 10) / 10;

interface ProbeLine {
  mode: 'new' | 'reuse';
  traceId: string;
  sample: number;
  commandToDrawnMs: number;
  rows: number;
  ms: number;
  phases: Record<string, number | undefined>;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function figures(lines: readonly ProbeLine[], traceId: string): Record<string, unknown> {
  const of = (mode: ProbeLine['mode']): ProbeLine[] =>
    lines.filter((l) => l.traceId === traceId && l.mode === mode);
  // The first open also loads the panel's script and the store: reported apart from the rest.
  const fresh = of('new').slice(1);
  const reused = of('reuse');
  const med = (xs: readonly ProbeLine[], pick: (l: ProbeLine) => number): number =>
    round(median(xs.map(pick)));
  return {
    spanRows: reused[0]?.rows,
    firstOpenMs: round(of('new')[0]?.commandToDrawnMs ?? NaN),
    newPanelCommandToDrawnMedianMs: med(fresh, (l) => l.commandToDrawnMs),
    newPanelCommandToWebviewReadyMedianMs: med(fresh, (l) => l.phases.ready ?? NaN),
    reusedPanelCommandToDrawnMedianMs: med(reused, (l) => l.commandToDrawnMs),
    reusedPanelCommandToDrawnMaxMs: round(Math.max(...reused.map((l) => l.commandToDrawnMs))),
    webviewSnapshotToDrawnMedianMs: med(reused, (l) => l.ms),
    samples: { new: fresh.length, reuse: reused.length },
  };
}

/** Expects the tests bundle (esbuild --tests) to be built. */
export async function tracePanelDrawn(): Promise<Record<string, unknown>> {
  const dirs = makeSandbox('bench-traces');
  const db = await writeHostileTraceDb(
    path.join(SHARED_3, 'sqlite', 'mlflow.db'),
    path.join(dirs.workspace, 'mlflow.db'),
    1,
  );
  const out = path.join(dirs.root, 'bench.jsonl');
  const resultsFile = path.join(dirs.root, 'results.json');
  const server = await startCodeServer(dirs, {
    env: {
      MLFLOW_INHOST_SUITE: 'bench-traces',
      MLFLOW_BENCH_OUT: out,
      MLFLOW_INHOST_RESULTS: resultsFile,
      MLFLOW_BENCH_SERVER: `sqlite:///${db.path}`,
      MLFLOW_BENCH_TRACE_IDS: [MANY_SPANS, db.traceId].join(','),
      MLFLOW_BENCH_SAMPLES: String(SAMPLES + 1),
    },
  });
  const ctx = await launchChromium(chromium, dirs);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const outcome = await runSuiteInPage(server, page, dirs.workspace, resultsFile, 600_000);
    if (outcome.exitCode !== 0) {
      throw new Error(
        `trace panel probe failed: ${JSON.stringify(outcome.results?.failed ?? outcome.exitCode)}`,
      );
    }
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ProbeLine);
    const many = figures(lines, MANY_SPANS);
    const hostile = figures(lines, db.traceId);
    const within = (f: Record<string, unknown>): boolean =>
      typeof f.reusedPanelCommandToDrawnMedianMs === 'number' &&
      f.reusedPanelCommandToDrawnMedianMs <= BUDGET_MS;
    return {
      store: 'recorded 3.11.1 mlflow.db + one hostile trace, as the local store (no server)',
      span211: many,
      hostile: {
        ...hostile,
        spans: db.spanCount,
        content: 'markup, command link, controls, bidi, 1 MB strings',
      },
      budgetMs: BUDGET_MS,
      budgetNote:
        'issue 17: the trace panel shows a 211-span trace ≤ 500 ms from the command (median of warm opens)',
      withinBudget: within(many) && within(hostile),
    };
  } finally {
    await ctx.close().catch(() => undefined);
    await server.stop();
    removeSandbox(dirs);
  }
}

if (require.main === module) {
  void tracePanelDrawn().then((r) => {
    console.log(JSON.stringify(r, null, 2));
  });
}
