/**
 * The last lines a process printed, kept small: a failed start's message quotes the last line
 * that says something (gunicorn's "exec: gunicorn: not found", a Python exception), so the user
 * learns why without opening the log.
 */
export class LogTail {
  private lines: string[] = [];
  private partial = '';

  add(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((l) => l.trim() !== ''));
    if (this.lines.length > 50) {
      this.lines = this.lines.slice(-50);
    }
  }

  /**
   * The line that says most, trimmed to fit a notification: the last "not found" / missing
   * module line (a wrapper's exception usually follows it and says less), else the last line.
   */
  lastLine(): string | undefined {
    const all = this.partial.trim() === '' ? this.lines : [...this.lines, this.partial];
    const telling = all.filter((l) => /not found|No such file|No module named/i.test(l));
    const last = (telling[telling.length - 1] ?? all[all.length - 1])?.trim();
    return last === undefined ? undefined : last.length > 160 ? `${last.slice(0, 157)}…` : last;
  }
}
