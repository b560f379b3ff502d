import * as vscode from 'vscode';
import { describeStoreError } from '../../../core/explorer/describeStoreError';
import { COMMANDS } from '../commandIds/commandIds';

/** Show a store failure as one message with the server's words in it; a 401 offers Sign In. */
export function reportFailure(action: string, err: unknown, log: vscode.LogOutputChannel): void {
  const { summary, detail, signIn } = describeStoreError(err);
  log.warn(`${action} failed: ${detail}`);
  if (signIn === true) {
    void vscode.window.showErrorMessage(`${action} failed: ${summary}.`, 'Sign In…').then((choice) => {
      if (choice !== undefined) {
        void vscode.commands.executeCommand(COMMANDS.signIn);
      }
    });
    return;
  }
  void vscode.window.showErrorMessage(`${action} failed: ${summary}.`);
}
