import * as vscode from 'vscode';
import { SessionFallbackSecrets } from '../../core/connection/sessionFallbackSecrets';
import { credentialKey, decodeCredentials, encodeCredentials } from '../../core/connection/storedCredentials';
import type { TrackingTarget } from '../../core/connection/trackingUri';
import type { HostCredentials } from '../../core/tracking/rest/hostCredentials';

/**
 * Credentials the user typed, in VS Code's SecretStorage (the OS keychain) and nowhere else: one
 * entry per server address (see `credentialKey`). Fires `onDidChange` when an entry of ours
 * changes, also from another window, so the open stores can be reset. When the keychain fails
 * (no keyring), `warn` is told once and what the user types is kept for this session only: a
 * failing keychain must never fail a request.
 */
export class ConnectionSecrets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * Answers already read, per key. Every REST request asks for its credentials, and each
   * SecretStorage read is a round trip to the workbench (in the browser, for VS Code on the web):
   * while the workbench is busy drawing a long tree, those waits grew with every page. An entry is
   * dropped whenever SecretStorage reports a change to it (from any window) or we write it.
   */
  private readonly cache = new Map<string, Promise<HostCredentials | undefined>>();
  private readonly secrets: SessionFallbackSecrets;

  constructor(storage: vscode.SecretStorage, warn: (message: string) => void) {
    this.secrets = new SessionFallbackSecrets(storage, warn);
    this.subscription = storage.onDidChange((e) => {
      if (e.key.startsWith('mlflow.credentials:')) {
        this.cache.delete(e.key);
        this.changed.fire();
      }
    });
  }

  /** What the user stored for this connection's server, if anything. */
  get(target: TrackingTarget): Promise<HostCredentials | undefined> {
    const key = credentialKey(target);
    if (key === undefined) {
      return Promise.resolve(undefined);
    }
    let answer = this.cache.get(key);
    if (answer === undefined) {
      answer = this.secrets.get(key).then(decodeCredentials);
      this.cache.set(key, answer);
      // a failed read is not remembered: the next request asks again
      answer.catch(() => {
        if (this.cache.get(key) === answer) {
          this.cache.delete(key);
        }
      });
    }
    return answer;
  }

  async store(target: TrackingTarget, creds: HostCredentials): Promise<void> {
    const key = credentialKey(target);
    if (key !== undefined) {
      this.cache.delete(key);
      const keptIn = await this.secrets.store(key, encodeCredentials(creds));
      this.cache.delete(key);
      if (keptIn === 'session') {
        // SecretStorage did not take it, so it will not announce the change: do it here.
        this.changed.fire();
      }
    }
  }

  /** Forget this server's credentials; true when there were some. */
  async delete(target: TrackingTarget): Promise<boolean> {
    const key = credentialKey(target);
    if (key === undefined) {
      return false;
    }
    this.cache.delete(key);
    const removedFrom = await this.secrets.delete(key);
    this.cache.delete(key);
    if (removedFrom === 'session') {
      // Only the keychain announces its changes; a session-only value is announced here.
      this.changed.fire();
    }
    return removedFrom !== 'none';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
