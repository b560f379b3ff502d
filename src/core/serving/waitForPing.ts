import * as http from 'node:http';

export type PingOutcome = 'ready' | 'exited' | 'cancelled' | 'timeout';

type Attempt = 'ready' | 'not-ready' | 'refused' | 'stopped';

/**
 * Wait until a scoring server's `/ping` answers 200: MLflow's server answers only once the model
 * is loaded, which takes seconds (minutes when an environment is being built), so the caller
 * shows progress and may cancel through `signal`; `stillRunning` lets a crashed server end the
 * wait at once.
 *
 * How it asks matters more than it looks. `mlflow models serve -w 1` has one *sync* worker, and
 * the listening socket exists before that worker has loaded the model, so connections queue in
 * the kernel's backlog. A poll that gives up on a request after a timeout and opens another leaves
 * the worker a queue of abandoned connections to serve one by one before it reaches a live one
 * (measured: ready after 65–234 s for a server that starts in 6–8 s). So: while nothing listens,
 * retry the cheap refused connect; once a connection is accepted, keep that one request and wait
 * for its answer, which comes the moment the worker is up. One connection at a time, never
 * abandoned unless the wait itself ends, `Connection: close` so no idle keep-alive socket holds
 * the single worker afterwards, and plain `node:http`, not the host's patched global `fetch`.
 */
export async function waitForPing(
  baseUrl: string,
  opts: {
    readonly signal: AbortSignal;
    readonly timeoutMs: number;
    readonly stillRunning: () => boolean;
    readonly retryMs?: number;
  },
): Promise<PingOutcome> {
  const deadline = Date.now() + opts.timeoutMs;
  const retryMs = opts.retryMs ?? 100;
  const url = new URL('/ping', baseUrl);
  const timedOut = AbortSignal.timeout(opts.timeoutMs);
  const signal = AbortSignal.any([opts.signal, timedOut]);
  for (;;) {
    if (opts.signal.aborted) {
      return 'cancelled';
    }
    if (timedOut.aborted || Date.now() >= deadline) {
      return 'timeout';
    }
    if (!opts.stillRunning()) {
      return 'exited';
    }
    const attempt = await pingOnce(url, signal, opts.stillRunning);
    if (attempt === 'ready') {
      return 'ready';
    }
    if (attempt !== 'stopped') {
      await sleep(retryMs, signal);
    }
  }
}

/** One GET /ping, waited for until it answers, fails, or the wait is over. */
function pingOnce(url: URL, signal: AbortSignal, stillRunning: () => boolean): Promise<Attempt> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Attempt): void => {
      if (!settled) {
        settled = true;
        clearInterval(watch);
        signal.removeEventListener('abort', onAbort);
        req.destroy();
        resolve(a);
      }
    };
    const req = http.get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      done(res.statusCode === 200 ? 'ready' : 'not-ready');
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      done(err.code === 'ECONNREFUSED' ? 'refused' : 'not-ready');
    });
    const onAbort = (): void => {
      done('stopped');
    };
    signal.addEventListener('abort', onAbort);
    // a server that dies while our request waits in its backlog never answers it
    const watch = setInterval(() => {
      if (!stillRunning()) {
        done('stopped');
      }
    }, 200);
    if (signal.aborted) {
      done('stopped');
    }
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish);
  });
}
