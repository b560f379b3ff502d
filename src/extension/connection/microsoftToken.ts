import * as vscode from 'vscode';

/** The scope Azure Machine Learning's MLflow endpoint accepts tokens for (what azureml-mlflow requests). */
export const AZURE_MANAGEMENT_SCOPES = ['https://management.azure.com/.default'];

/**
 * An access token from VS Code's built-in Microsoft authentication provider for Azure ML, without
 * a dialog (`createIfNone: false`: at most a sign-in entry in the Accounts menu): undefined when
 * the user has not signed in. Where the
 * provider does not exist (some web hosts) the failure is remembered so each request does not
 * wait for it again.
 */
export class MicrosoftToken {
  private unavailable = false;

  async get(): Promise<string | undefined> {
    if (this.unavailable) {
      return undefined;
    }
    try {
      const session = await vscode.authentication.getSession('microsoft', AZURE_MANAGEMENT_SCOPES, {
        createIfNone: false,
      });
      return session?.accessToken;
    } catch {
      this.unavailable = true;
      return undefined;
    }
  }

  /** Ask VS Code to sign in with Microsoft (the user sees its dialog); the token, or undefined if declined. */
  async signIn(): Promise<string | undefined> {
    try {
      const session = await vscode.authentication.getSession('microsoft', AZURE_MANAGEMENT_SCOPES, {
        createIfNone: true,
      });
      this.unavailable = false;
      return session.accessToken;
    } catch {
      return undefined;
    }
  }
}
