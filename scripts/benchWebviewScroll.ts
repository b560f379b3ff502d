// The bench's scroll driver: the in-host probe cannot reach the webview's DOM, so when it has a
// table (or card grid) ready it writes `<out>.scroll-ready` naming the scroller's CSS selector and
// waits for `<out>.scroll-done`. This driver, beside the in-host run, finds the webview frame that
// holds that scroller and runs a requestAnimationFrame recorder inside it: one viewport of
// scrollTop per frame from the top to the bottom, each frame's time (rAF timestamp to the next) and
// the largest JS heap seen (Chromium's performance.memory) — then answers with the figures.
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { scrollFrames, startTrace, type TraceFigures } from './benchScrollTrace';

export interface ScrollFigures {
  readonly frames: number;
  readonly medianFrameMs: number;
  readonly maxFrameMs: number;
  readonly framesOver50Ms: number;
  /** Where the slow frames fell (frame index: ms), to tell a cluster from scattered stalls. */
  readonly slowFrames: string;
  readonly scrolledPx: number;
  readonly maxHeapMb: number | undefined;
  /** The same scroll read from a Chromium trace (benchScrollTrace.ts). */
  readonly trace: TraceFigures | { error: string };
}

// Source text, not a function: tsx would wrap a named function in helpers the page lacks.
const RECORDER = `async (sel) => {
  const s = document.querySelector(sel);
  const memory = performance.memory;
  const heap = () => (memory ? memory.usedJSHeapSize : 0);
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  s.scrollTop = 0;
  await frame();
  await frame();
  let maxHeap = heap();
  const times = [];
  performance.mark('rt-scroll-start');
  let last = await frame();
  const step = s.clientHeight;
  for (let i = 0; i < 100000; i++) {
    if (s.scrollTop + s.clientHeight >= s.scrollHeight - 1) break;
    s.scrollTop += step;
    const t = await frame();
    times.push(t - last);
    last = t;
    maxHeap = Math.max(maxHeap, heap());
  }
  // The last frame's drawing shows in the frame after it.
  const t = await frame();
  times.push(t - last);
  performance.mark('rt-scroll-end');
  return { times, scrolledPx: s.scrollTop, maxHeap: memory ? maxHeap : undefined };
}`;

interface RecorderResult {
  times: number[];
  scrolledPx: number;
  maxHeap: number | undefined;
}

async function frameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const f of page.frames()) {
    const has = await f
      .evaluate<boolean>(
        `(() => { const s = document.querySelector(${JSON.stringify(selector)}); return s !== null && s.clientHeight > 0; })()`,
      )
      .catch(() => false);
    if (has) {
      return f;
    }
  }
  return undefined;
}

function figures(r: RecorderResult, trace: ScrollFigures['trace']): ScrollFigures {
  const sorted = [...r.times].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    frames: r.times.length,
    medianFrameMs: round(sorted[Math.floor(sorted.length / 2)] ?? NaN),
    maxFrameMs: round(sorted[sorted.length - 1] ?? NaN),
    framesOver50Ms: r.times.filter((t) => t > 50).length,
    slowFrames: r.times
      .map((t, i) => (t > 50 ? `${String(i)}:${String(Math.round(t))}` : ''))
      .filter((x) => x !== '')
      .join(' '),
    scrolledPx: Math.round(r.scrolledPx),
    maxHeapMb: r.maxHeap === undefined ? undefined : Math.round(r.maxHeap / 1e5) / 10,
    trace,
  };
}

let traces = 0;
/** BENCH_TRACE_OUT=<dir> keeps each scroll's trace there (open it in Chromium's Performance panel). */
function keepTrace(events: readonly unknown[]): void {
  const dir = process.env.BENCH_TRACE_OUT;
  if (dir !== undefined && dir !== '') {
    fs.mkdirSync(dir, { recursive: true });
    traces += 1;
    fs.writeFileSync(`${dir}/scroll-${String(traces)}.json`, JSON.stringify({ traceEvents: events }));
  }
}

async function answer(page: Page, ready: string, done: string): Promise<void> {
  const { selector } = JSON.parse(fs.readFileSync(ready, 'utf8')) as { selector: string };
  fs.rmSync(ready);
  let result: ScrollFigures | { error: string };
  try {
    const f = await frameWith(page, selector);
    if (f === undefined) {
      throw new Error(`no webview frame shows ${selector}`);
    }
    const tracing = await startTrace(page);
    const raw = await f.evaluate<RecorderResult>(`(${RECORDER})(${JSON.stringify(selector)})`);
    const events = await tracing.stop();
    keepTrace(events);
    result = figures(raw, scrollFrames(events));
  } catch (e) {
    result = { error: e instanceof Error ? e.message : String(e) };
  }
  fs.writeFileSync(done, JSON.stringify(result));
}

/** Answers the probe's scroll requests until `stop()`; a failure is written back as `{ error }`. */
export function driveScrolls(page: Page, out: string): { stop: () => Promise<void> } {
  const ready = `${out}.scroll-ready`;
  const done = `${out}.scroll-done`;
  const state = { stopped: false };
  const loop = (async (): Promise<void> => {
    while (!state.stopped) {
      if (fs.existsSync(ready)) {
        await answer(page, ready, done);
      } else {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  return {
    stop: async () => {
      state.stopped = true;
      await loop;
    },
  };
}
