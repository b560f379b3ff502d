// A Chromium trace of the bench's scroll (issue 20 asks the frame times "from a Chromium trace"):
// the scroll driver starts CDP tracing before its recorder runs and ends it after, and this file
// reads the frames out of the trace. The recorder marks its start and end with the User Timing API
// ("rt-scroll-start"/"rt-scroll-end"), which places the webview's main thread and the window in the
// trace. A frame runs from one BeginMainThreadFrame of that thread to the next; its work is the
// top-level tasks the thread ran in it (the scroll event, the rAF callback that redraws the window,
// style, layout, paint and the commit's main-thread part), which is what makes a frame late. Long
// tasks are listed with what took their time, so a slow frame can be told apart: garbage
// collection, our script, layout, or another page sharing the thread (in code-server the webview's
// frame lives in the workbench's renderer).
import type { CDPSession, Page } from 'playwright-core';

export const SCROLL_START = 'rt-scroll-start';
export const SCROLL_END = 'rt-scroll-end';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.gc',
];

/** A trace event as Chromium writes it (the fields read here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  readonly args?: { readonly data?: { readonly url?: string } };
}

export interface TraceFigures {
  /** Frames the webview's main thread began in the scroll (BeginMainThreadFrame). */
  readonly frames: number;
  /** One frame's start to the next (ms): the frame time as the trace has it. */
  readonly medianFrameMs: number;
  readonly maxFrameMs: number;
  readonly framesOver50Ms: number;
  /**
   * Of those, the frames in which the webview's thread worked under a frame's 16 ms: it waited for
   * something else (the compositor's tiles, a raster or GPU thread not scheduled on a busy machine).
   */
  readonly framesOver50MsThreadIdle: number;
  /** Main-thread work per frame (ms, its top-level tasks): what makes a frame late. */
  readonly medianFrameWorkMs: number;
  readonly p90FrameWorkMs: number;
  readonly maxFrameWorkMs: number;
  readonly framesWorkOver16Ms: number;
  /** Average work per frame by kind (script, style, layout, paint, gc…), ms. */
  readonly workPerFrameMs: Readonly<Record<string, number>>;
  /** Top-level tasks over 50 ms on that thread: how many, and the longest 8 with their largest parts (ms). */
  readonly longTaskCount: number;
  readonly longTasks: readonly string[];
  /** Other pages whose script ran on the same thread in the window (the workbench, in a browser). */
  readonly sharedWithOtherScripts: readonly string[];
}

/** Starts a trace of every process; `stop()` ends it and returns its events. */
export async function startTrace(page: Page): Promise<{ stop: () => Promise<readonly TraceEvent[]> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordUntilFull' },
    transferMode: 'ReturnAsStream',
  });
  return {
    stop: async () => {
      const complete = new Promise<string>((resolve) => {
        cdp.once('Tracing.tracingComplete', (e) => {
          resolve(e.stream ?? '');
        });
      });
      await cdp.send('Tracing.end');
      const text = await readStream(cdp, await complete);
      await cdp.detach().catch(() => undefined);
      const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
      return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
    },
  };
}

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  const parts: string[] = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle, size: 1 << 20 });
    parts.push(r.base64Encoded === true ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) {
      break;
    }
  }
  await cdp.send('IO.close', { handle });
  return parts.join('');
}

const ms = (us: number): number => Math.round(us / 100) / 10;

/** The parts of a frame worth naming, by the trace events that carry them. */
const PARTS: Readonly<Record<string, string>> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  Layerize: 'layerize',
  Commit: 'commit',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_MC_INCREMENTAL': 'gc',
  ParseHTML: 'parse',
};

/** Top-level tasks only (a task's nested tasks are part of it). */
function topLevel(tasks: readonly TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = 0;
  for (const t of [...tasks].sort((a, b) => a.ts - b.ts)) {
    if (t.ts >= end) {
      out.push(t);
      end = t.ts + (t.dur ?? 0);
    }
  }
  return out;
}

/** Time by part; an event inside another of the same part (a frame's paint in the page's) once. */
function partsOf(events: readonly TraceEvent[]): Map<string, number> {
  const byPart = new Map<string, number>();
  const endOf = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const part = PARTS[e.name];
    if (part !== undefined && e.ph === 'X' && e.ts >= (endOf.get(part) ?? 0)) {
      byPart.set(part, (byPart.get(part) ?? 0) + (e.dur ?? 0));
      endOf.set(part, e.ts + (e.dur ?? 0));
    }
  }
  return byPart;
}

function describeTask(t: TraceEvent, onThread: readonly TraceEvent[], origin: number): string {
  const inside = onThread.filter(
    (e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0),
  );
  const parts = [...partsOf(inside)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([p, d]) => `${p} ${String(ms(d))}`)
    .join(', ');
  return `${String(ms(t.dur ?? 0))} ms at +${String(ms(t.ts - origin))} ms (${parts})`;
}

/** Reads the scroll's frames out of the trace (see the file's comment). */
export function scrollFrames(events: readonly TraceEvent[]): TraceFigures | { error: string } {
  const start = events.find((e) => e.name === SCROLL_START && e.cat?.includes('blink.user_timing'));
  const end = events.find((e) => e.name === SCROLL_END && e.cat?.includes('blink.user_timing'));
  if (start === undefined || end === undefined) {
    return { error: 'the trace holds no scroll marks' };
  }
  const onThread = events.filter(
    (e) => e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts && e.ts <= end.ts,
  );
  const tasks = topLevel(
    onThread.filter(
      (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
    ),
  );
  const frameStarts = onThread
    .filter((e) => e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const intervals: number[] = [];
  const work: number[] = [];
  for (let i = 0; i + 1 < frameStarts.length; i++) {
    const from = frameStarts[i] ?? 0;
    const to = frameStarts[i + 1] ?? 0;
    intervals.push(to - from);
    work.push(tasks.filter((t) => t.ts >= from && t.ts < to).reduce((s, t) => s + (t.dur ?? 0), 0));
  }
  const sortedWork = [...work].sort((a, b) => a - b);
  const sortedIntervals = [...intervals].sort((a, b) => a - b);
  const at = (xs: readonly number[], q: number): number => ms(xs[Math.floor((xs.length - 1) * q)] ?? NaN);
  const perFrame = Object.fromEntries(
    [...partsOf(onThread)].map(([p, d]) => [p, Math.round(d / Math.max(1, work.length) / 10) / 100]),
  );
  const scripts = new Set(
    onThread
      .filter((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript')
      .map((e) => e.args?.data?.url ?? '')
      .filter((u) => u !== '' && !u.includes('runsTable.js'))
      .map((u) => u.replace(/\?.*$/, '').split('/').slice(-2).join('/')),
  );
  return {
    frames: work.length,
    medianFrameMs: at(sortedIntervals, 0.5),
    maxFrameMs: at(sortedIntervals, 1),
    framesOver50Ms: intervals.filter((w) => w > 50_000).length,
    framesOver50MsThreadIdle: intervals.filter((w, i) => w > 50_000 && (work[i] ?? 0) < 16_000).length,
    medianFrameWorkMs: at(sortedWork, 0.5),
    p90FrameWorkMs: at(sortedWork, 0.9),
    maxFrameWorkMs: at(sortedWork, 1),
    framesWorkOver16Ms: work.filter((w) => w > 16_000).length,
    workPerFrameMs: perFrame,
    longTaskCount: tasks.filter((t) => (t.dur ?? 0) > 50_000).length,
    longTasks: tasks
      .filter((t) => (t.dur ?? 0) > 50_000)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 8)
      .map((t) => describeTask(t, onThread, start.ts)),
    sharedWithOtherScripts: [...scripts].slice(0, 10),
  };
}
