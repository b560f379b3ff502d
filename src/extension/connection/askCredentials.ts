import * as vscode from 'vscode';
import type { TrackingTarget } from '../../core/connection/trackingUri';
import type { HostCredentials } from '../../core/tracking/rest/hostCredentials';
import type { MicrosoftToken } from './microsoftToken';

/**
 * Credentials passed to a command as an argument (`{ username, password }` or `{ token }`), as
 * other extensions and the tests do; anything else is undefined.
 */
export function credentialsArg(arg: unknown): HostCredentials | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const a = arg as Record<string, unknown>;
  if (typeof a.token === 'string' && a.token.trim() !== '') {
    return { kind: 'bearer', token: a.token.trim() };
  }
  if (typeof a.username === 'string' && a.username !== '' && typeof a.password === 'string') {
    return { kind: 'basic', username: a.username, password: a.password };
  }
  return undefined;
}

interface MethodChoice extends vscode.QuickPickItem {
  readonly method: 'none' | 'basic' | 'token' | 'microsoft';
}

/**
 * Ask how the server authenticates and for the secret itself (password inputs are masked).
 * Undefined means "no credentials" or a cancelled prompt. For Azure ML the first offer is VS Code's
 * Microsoft sign-in, answered with `'session'`: nothing is stored, because the session's token is
 * fetched fresh for every request; a pasted token is the fallback.
 */
export async function askCredentials(
  target: TrackingTarget,
  microsoft: MicrosoftToken,
  optional: boolean,
): Promise<HostCredentials | 'session' | undefined> {
  const choices: MethodChoice[] = [];
  if (target.kind === 'azureml') {
    choices.push({
      label: '$(account) Sign in with Microsoft',
      detail: 'Use VS Code’s Microsoft account for Azure Machine Learning',
      method: 'microsoft',
    });
  }
  if (target.kind === 'rest') {
    choices.push({
      label: '$(person) Username and Password',
      detail: 'HTTP Basic authentication, as mlflow server --app-name basic-auth uses',
      method: 'basic',
    });
  }
  choices.push({
    label: '$(key) Token',
    detail:
      target.kind === 'databricks'
        ? 'A Databricks personal access token'
        : target.kind === 'azureml'
          ? 'Paste an Azure access token (az account get-access-token)'
          : 'Sent as a Bearer token',
    method: 'token',
  });
  if (optional) {
    choices.push({
      label: '$(circle-slash) No Credentials',
      detail: 'None needed, or taken from MLFLOW_TRACKING_* / ~/.mlflow/credentials',
      method: 'none',
    });
  }
  const picked = await vscode.window.showQuickPick(choices, {
    title: `Credentials for ${target.display}`,
    placeHolder: 'How does this server authenticate? Credentials are kept in VS Code’s secret storage only.',
    ignoreFocusOut: true,
  });
  switch (picked?.method) {
    case undefined:
    case 'none':
      return undefined;
    case 'microsoft':
      return (await microsoft.signIn()) === undefined ? undefined : 'session';
    case 'token': {
      const token = await vscode.window.showInputBox({
        title: 'Token',
        prompt: `The token for ${target.display}`,
        password: true,
        ignoreFocusOut: true,
      });
      return token?.trim() ? { kind: 'bearer', token: token.trim() } : undefined;
    }
    case 'basic': {
      const username = await vscode.window.showInputBox({
        title: 'Username',
        prompt: `Your username on ${target.display}`,
        ignoreFocusOut: true,
      });
      if (!username) {
        return undefined;
      }
      const password = await vscode.window.showInputBox({
        title: 'Password',
        prompt: `The password of ${username}`,
        password: true,
        ignoreFocusOut: true,
      });
      return password === undefined ? undefined : { kind: 'basic', username, password };
    }
  }
}
