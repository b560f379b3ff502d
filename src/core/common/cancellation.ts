import { StoreError } from './storeError';

/**
 * A structural stand-in for VS Code's `CancellationToken`, so core code can be cancelled by the
 * extension without importing `vscode`.
 */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** Turn a VS Code-style token into an `AbortSignal` (what axios and our stores accept). */
export function toAbortSignal(token: CancellationLike): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  } else {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      controller.abort();
    });
  }
  return controller.signal;
}

/** Throw a `cancelled` {@link StoreError} if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new StoreError('cancelled', 'The operation was cancelled.');
  }
}

/** Wait `ms` milliseconds; rejects with a `cancelled` {@link StoreError} as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new StoreError('cancelled', 'The operation was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new StoreError('cancelled', 'The operation was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
