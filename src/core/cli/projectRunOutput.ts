/**
 * What `mlflow run` says about its run, read from the lines it logs. The texts are MLflow's own
 * (mlflow/projects/backend/local.py, mlflow/projects/__init__.py, mlflow/cli.py); its logger puts
 * "<date> <time> INFO <logger>: " in front, so only the part from "===" on is matched.
 */
export type ProjectRunEvent =
  | { readonly kind: 'started'; readonly runId: string; readonly command: string }
  | { readonly kind: 'succeeded' | 'failed' | 'interrupted'; readonly runId: string };

/** MLflow run ids are 32 hex digits on every store; other stores' ids are word characters. */
const ID = '([A-Za-z0-9_-]{1,64})';
const STARTED = new RegExp(`=== Running command '(.*)' in run with ID '${ID}' ===`);
const ENDED = new RegExp(`=== Run \\(ID '${ID}'\\) (succeeded|failed|interrupted, cancelling run) ===`);

/** The event one output line reports, or undefined for every other line. */
export function parseProjectRunLine(line: string): ProjectRunEvent | undefined {
  const started = STARTED.exec(line);
  if (started) {
    return { kind: 'started', command: started[1] ?? '', runId: started[2] ?? '' };
  }
  const ended = ENDED.exec(line);
  if (ended) {
    const word = ended[2] ?? '';
    return {
      kind: word === 'succeeded' ? 'succeeded' : word === 'failed' ? 'failed' : 'interrupted',
      runId: ended[1] ?? '',
    };
  }
  return undefined;
}

/** Longest partial line kept while waiting for its end (a progress bar may never print one). */
const MAX_PENDING = 64 * 1024;

/**
 * Turns the child's output chunks into events. Chunks split lines anywhere, so the unfinished
 * tail waits for the next chunk; carriage returns (progress bars) end a line too.
 */
export class ProjectRunOutputScanner {
  private pending = '';

  push(chunk: string): ProjectRunEvent[] {
    const lines = (this.pending + chunk).split(/\r\n|\r|\n/);
    this.pending = (lines.pop() ?? '').slice(-MAX_PENDING);
    return lines.map(parseProjectRunLine).filter((e) => e !== undefined);
  }

  /** The events of a last line that had no newline. */
  end(): ProjectRunEvent[] {
    const rest = this.pending;
    this.pending = '';
    const event = parseProjectRunLine(rest);
    return event ? [event] : [];
  }
}
