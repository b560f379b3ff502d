// The bench's trace reader on a small trace built here with the events Chromium writes (names,
// phases, microsecond times): frames between BeginMainThreadFrame events, work from top-level tasks
// only, another thread's and the window's outside events ignored, long tasks described.
import * as assert from 'node:assert/strict';
import { SCROLL_END, SCROLL_START, scrollFrames, type TraceEvent } from '../../../scripts/benchScrollTrace';

const PID = 7;
const TID = 7;
const on = (name: string, ts: number, dur?: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  name,
  ph: dur === undefined ? 'I' : 'X',
  ts,
  ...(dur === undefined ? {} : { dur }),
  pid: PID,
  tid: TID,
  cat: 'devtools.timeline',
  ...extra,
});
const mark = (name: string, ts: number): TraceEvent => ({
  ...on(name, ts),
  cat: 'blink.user_timing',
});

describe('bench scroll trace reader', () => {
  it('times frames from BeginMainThreadFrame and their work from top-level tasks', () => {
    const events = [
      mark(SCROLL_START, 0),
      on('BeginMainThreadFrame', 1_000),
      on('RunTask', 1_100, 5_000),
      on('RunTask', 2_000, 1_000), // nested in the one before: not counted again
      on('FunctionCall', 1_200, 3_000, { args: { data: { url: 'https://x/dist/webview/runsTable.js' } } }),
      on('BeginMainThreadFrame', 17_700),
      on('RunTask', 17_800, 60_000),
      on('MajorGC', 17_900, 40_000),
      on('FunctionCall', 60_000, 10_000, {
        args: { data: { url: 'https://x/out/vs/workbench/workbench.js?v=1' } },
      }),
      on('BeginMainThreadFrame', 84_400),
      on('RunTask', 84_500, 2_000),
      on('BeginMainThreadFrame', 101_100),
      // Another thread, and a task after the end mark: neither counts.
      { ...on('RunTask', 90_000, 30_000), tid: 8 },
      mark(SCROLL_END, 102_000),
      on('RunTask', 103_000, 90_000),
    ];
    const f = scrollFrames(events);
    assert.ok(!('error' in f), JSON.stringify(f));
    assert.equal(f.frames, 3);
    assert.equal(f.medianFrameMs, 16.7);
    assert.equal(f.maxFrameMs, 66.7);
    assert.equal(f.framesOver50Ms, 1);
    assert.equal(f.medianFrameWorkMs, 5);
    assert.equal(f.maxFrameWorkMs, 60);
    assert.equal(f.framesWorkOver16Ms, 1);
    assert.equal(f.longTaskCount, 1);
    assert.equal(f.longTasks.length, 1);
    assert.match(f.longTasks[0] ?? '', /^60 ms at \+17\.8 ms \(gc 40, script 10\)$/);
    assert.deepEqual(f.sharedWithOtherScripts, ['workbench/workbench.js']);
  });

  it('tells a late frame the webview thread worked through from one it waited through', () => {
    const events = [
      mark(SCROLL_START, 0),
      on('BeginMainThreadFrame', 1_000),
      on('RunTask', 1_100, 55_000), // a frame of work: busy
      on('BeginMainThreadFrame', 60_000),
      on('RunTask', 60_100, 4_000), // 4 ms of work, then nothing until the next frame: idle
      on('BeginMainThreadFrame', 125_000),
      on('RunTask', 125_100, 4_000),
      on('BeginMainThreadFrame', 141_700),
      mark(SCROLL_END, 142_000),
    ];
    const f = scrollFrames(events);
    assert.ok(!('error' in f), JSON.stringify(f));
    assert.equal(f.framesOver50Ms, 2);
    assert.equal(f.framesOver50MsThreadIdle, 1);
  });

  it('says so when the trace holds no scroll marks', () => {
    const f = scrollFrames([on('RunTask', 0, 10)]);
    assert.deepEqual(f, { error: 'the trace holds no scroll marks' });
  });
});
