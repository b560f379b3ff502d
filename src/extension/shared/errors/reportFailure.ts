import * as vscode from 'vscode';
import { StoreError } from '../../../core/common/storeError';
import { describeStoreError } from '../../../core/explorer/describeStoreError';
import { COMMANDS } from '../commandIds/commandIds';
import { ActionableError, type ErrorAction } from './actionableError';

const SIGN_IN: ErrorAction = {
  title: 'Sign In…',
  run: () => vscode.commands.executeCommand(COMMANDS.signIn),
};

/**
 * The one way a failure reaches the user, for every command and panel action: one sentence in an
 * error message, the detail in the log. A store error is worded by describeStoreError ("Cannot
 * reach the tracking server", …) and a 401 offers Sign In; an {@link ActionableError} brings its
 * own buttons; anything else is shown as its message. `action` names what failed ("Renaming the
 * run"); without one (a command's own failure) the sentence starts with "MLflow:".
 */
export function reportFailure(
  action: string | undefined,
  err: unknown,
  log: vscode.LogOutputChannel,
  logLabel = action,
): void {
  const actions: readonly ErrorAction[] = ActionableError.is(err) ? err.actions : [];
  if (action !== undefined || StoreError.is(err)) {
    const d = describeStoreError(err);
    const sentence = action === undefined ? `MLflow: ${d.summary}.` : `${action} failed: ${d.summary}.`;
    show(sentence, d.signIn === true ? [SIGN_IN, ...actions] : actions);
    log.error(`${logLabel ?? 'MLflow'} failed: ${d.detail}`);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  show(`MLflow: ${message}`, actions);
  log.error(`${logLabel ?? 'MLflow'} failed: ${message}`);
}

function show(sentence: string, actions: readonly ErrorAction[]): void {
  void vscode.window
    .showErrorMessage(sentence, ...actions.map((a) => a.title))
    .then((picked) => actions.find((a) => a.title === picked)?.run());
}
