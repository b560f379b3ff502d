import * as vscode from 'vscode';
import { credentialKey, decodeCredentials, encodeCredentials } from '../../core/connection/storedCredentials';
import type { TrackingTarget } from '../../core/connection/trackingUri';
import type { HostCredentials } from '../../core/tracking/rest/hostCredentials';

/**
 * Credentials the user typed, in VS Code's SecretStorage (the OS keychain) and nowhere else: one
 * entry per server address (see `credentialKey`). Fires `onDidChange` when an entry of ours
 * changes, also from another window, so the open stores can be reset.
 */
export class ConnectionSecrets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith('mlflow.credentials:')) {
        this.changed.fire();
      }
    });
  }

  /** What the user stored for this connection's server, if anything. */
  async get(target: TrackingTarget): Promise<HostCredentials | undefined> {
    const key = credentialKey(target);
    return key === undefined ? undefined : decodeCredentials(await this.secrets.get(key));
  }

  async store(target: TrackingTarget, creds: HostCredentials): Promise<void> {
    const key = credentialKey(target);
    if (key !== undefined) {
      await this.secrets.store(key, encodeCredentials(creds));
    }
  }

  /** Forget this server's credentials; true when there were some. */
  async delete(target: TrackingTarget): Promise<boolean> {
    const key = credentialKey(target);
    if (key === undefined || (await this.secrets.get(key)) === undefined) {
      return false;
    }
    await this.secrets.delete(key);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
