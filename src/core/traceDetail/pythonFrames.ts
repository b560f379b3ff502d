/** A file and 1-based line that a stack trace names. */
export interface SourceFrame {
  readonly file: string;
  readonly line: number;
}

/** `  File "/path/x.py", line 12, in f` as CPython's traceback module writes a frame. */
const FRAME = /^\s*File "([^"]+)", line (\d{1,9})(?:,|$)/;
/** Longer lines are not frames anyone wrote; skipping them keeps the regex cheap on 1 MB strings. */
const MAX_LINE = 4200;
const MAX_FRAMES = 50;

/**
 * The frames of a Python traceback, outermost first, each file and line once. Lines that are not
 * frames (source excerpts, carets, the exception line) are skipped; nothing here touches the disk.
 */
export function pythonFrames(stackTrace: string): SourceFrame[] {
  const seen = new Set<string>();
  const frames: SourceFrame[] = [];
  for (const text of stackTrace.split('\n')) {
    if (frames.length >= MAX_FRAMES) {
      break;
    }
    const m = text.length > MAX_LINE ? null : FRAME.exec(text);
    const file = m?.[1];
    const line = Number(m?.[2]);
    if (file === undefined || !Number.isSafeInteger(line) || line < 1) {
      continue;
    }
    const key = `${file}\n${String(line)}`;
    if (!seen.has(key)) {
      seen.add(key);
      frames.push({ file, line });
    }
  }
  return frames;
}
