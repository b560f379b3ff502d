/** A zero-based line and character, as LSP positions are. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/** Converts between offsets and line/character positions of one text, in O(log lines). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  /** The number of lines (a trailing newline starts one more, empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset; offsets past the end clamp to the end. */
  positionAt(offset: number): LinePosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low, character: at - (this.starts[low] ?? 0) };
  }

  /** The offset of a position; characters past the end of a line clamp to the line end. */
  offsetAt(position: LinePosition): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    const next = this.starts[line + 1] ?? this.text.length + 1;
    return Math.min(start + Math.max(0, position.character), next - 1, this.text.length);
  }

  /** The offset where a line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }
}
