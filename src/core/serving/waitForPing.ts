/**
 * Poll a scoring server's `/ping` until it answers 200. MLflow's server answers only once the
 * model is loaded, which takes seconds (minutes when an environment is being built), so the
 * caller shows progress and may cancel through `signal`. `stillRunning` lets a crashed server end
 * the wait at once instead of after the whole timeout.
 */
export async function waitForPing(
  baseUrl: string,
  opts: { readonly signal: AbortSignal; readonly timeoutMs: number; readonly stillRunning: () => boolean; readonly intervalMs?: number },
): Promise<'ready' | 'exited' | 'cancelled' | 'timeout'> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 250;
  while (Date.now() < deadline) {
    if (opts.signal.aborted) {
      return 'cancelled';
    }
    if (!opts.stillRunning()) {
      return 'exited';
    }
    try {
      const res = await fetch(`${baseUrl}/ping`, { signal: AbortSignal.any([opts.signal, AbortSignal.timeout(2000)]) });
      if (res.status === 200) {
        return 'ready';
      }
    } catch {
      // not listening yet: keep polling
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  return 'timeout';
}
