// Test double: a secret store standing in for VS Code's SecretStorage on a machine whose keychain
// is unavailable (a Linux desktop with no keyring). Each operation throws synchronously or rejects,
// as chosen, until `recover()`; then it keeps values in a Map. Counts calls. Not product code.
import type { SecretStoreLike } from '../../../src/core/connection/sessionFallbackSecrets';

/** How an unavailable keychain fails: a synchronous throw or a rejected promise. */
export type FailureMode = 'throw' | 'reject';

/** A secret store whose keychain is unavailable, until it recovers. */
export class FailingSecretStore implements SecretStoreLike {
  readonly values = new Map<string, string>();
  calls = 0;
  private failing = true;

  constructor(
    private readonly mode: FailureMode,
    private readonly reason = 'Cannot create an item in a locked collection',
  ) {}

  /** From now on the store works. */
  recover(): void {
    this.failing = false;
  }

  get(key: string): Promise<string | undefined> {
    return this.attempt(() => this.values.get(key));
  }

  store(key: string, value: string): Promise<void> {
    return this.attempt(() => {
      this.values.set(key, value);
    });
  }

  delete(key: string): Promise<void> {
    return this.attempt(() => {
      this.values.delete(key);
    });
  }

  private attempt<T>(work: () => T): Promise<T> {
    this.calls++;
    if (!this.failing) {
      return Promise.resolve(work());
    }
    const error = new Error(this.reason);
    if (this.mode === 'throw') {
      throw error;
    }
    return Promise.reject(error);
  }
}
