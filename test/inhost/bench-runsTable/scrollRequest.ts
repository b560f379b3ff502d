// The probe's half of the bench's scroll measurement (scripts/benchWebviewScroll.ts drives the
// webview from the browser side): ask for a scroll of the scroller named by a CSS selector and wait
// for the figures. The request is written whole (temporary file, then rename) so the driver never
// reads half of it.
import * as fs from 'node:fs';

export interface ScrollFigures {
  readonly frames: number;
  readonly medianFrameMs: number;
  readonly maxFrameMs: number;
  readonly framesOver50Ms: number;
  readonly slowFrames: string;
  readonly scrolledPx: number;
  readonly maxHeapMb: number | undefined;
}

export async function scrollThrough(out: string, selector: string): Promise<ScrollFigures> {
  const ready = `${out}.scroll-ready`;
  const done = `${out}.scroll-done`;
  fs.rmSync(done, { force: true });
  fs.writeFileSync(`${ready}.tmp`, JSON.stringify({ selector }));
  fs.renameSync(`${ready}.tmp`, ready);
  for (let i = 0; i < 24_000; i++) {
    if (fs.existsSync(done)) {
      const r = JSON.parse(fs.readFileSync(done, 'utf8')) as ScrollFigures | { error: string };
      fs.rmSync(done);
      if ('error' in r) {
        throw new Error(`the scroll of ${selector} failed: ${r.error}`);
      }
      return r;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no answer to the scroll of ${selector} (is the bench's driver running?)`);
}
