/** The part of VS Code's SecretStorage used here; it may throw or reject (no keyring on Linux). */
export interface SecretStoreLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The warning shown once per session when the system keychain cannot be used. */
export function keychainUnavailableMessage(reason: string): string {
  return `MLflow: the system keychain is unavailable (${reason}); credentials will be asked for once and kept for this session only.`;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // A reason from the OS can be long or multi-line; the warning must stay one readable line.
  const line = text.split('\n')[0]?.trim() ?? '';
  return line === '' ? 'unknown error' : line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * Secret storage that never fails a caller because the keychain did. When a read, write or
 * delete throws or rejects (a Linux desktop without a keyring, a locked keychain), `warn` is
 * called once for the whole session, and what the user types is kept in memory for the session
 * instead, so a request goes on with what is known rather than failing on the store.
 */
export class SessionFallbackSecrets {
  /** Values the keychain could not take, for this session only. */
  private readonly memory = new Map<string, string>();
  private warned = false;

  constructor(
    private readonly secrets: SecretStoreLike,
    private readonly warn: (message: string) => void,
  ) {}

  /** The stored value: from the keychain, or from memory when the keychain failed. */
  async get(key: string): Promise<string | undefined> {
    const kept = this.memory.get(key);
    if (kept !== undefined) {
      return kept;
    }
    try {
      return await this.secrets.get(key);
    } catch (error: unknown) {
      this.failed(error);
      return undefined;
    }
  }

  /**
   * Keep a value in the keychain, or in memory for this session when the keychain fails. Returns
   * where it went: only the keychain tells other listeners (and windows) that it changed.
   */
  async store(key: string, value: string): Promise<'keychain' | 'session'> {
    try {
      await this.secrets.store(key, value);
      this.memory.delete(key);
      return 'keychain';
    } catch (error: unknown) {
      this.memory.set(key, value);
      this.failed(error);
      return 'session';
    }
  }

  /**
   * Forget a value wherever it is kept. Returns where it was: `none`, the `keychain` (which tells
   * its listeners), or this `session` only (nobody else is told).
   */
  async delete(key: string): Promise<'none' | 'keychain' | 'session'> {
    const inMemory = this.memory.delete(key);
    let existed = inMemory;
    try {
      existed = (await this.secrets.get(key)) !== undefined || existed;
      await this.secrets.delete(key);
    } catch (error: unknown) {
      this.failed(error);
      return existed ? 'session' : 'none';
    }
    return inMemory ? 'session' : existed ? 'keychain' : 'none';
  }

  private failed(error: unknown): void {
    if (!this.warned) {
      this.warned = true;
      this.warn(keychainUnavailableMessage(reasonOf(error)));
    }
  }
}
