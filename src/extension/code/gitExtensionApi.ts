import * as vscode from 'vscode';

/**
 * The part of the built-in Git extension's API (`vscode.git`, `getAPI(1)`) this feature uses,
 * written out structurally: the extension ships its `git.d.ts` only in VS Code's sources.
 */
export interface GitRepositoryLike {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly remotes: readonly { readonly fetchUrl?: string; readonly pushUrl?: string }[] };
  show(ref: string, path: string): Promise<string>;
  getCommit(ref: string): Promise<{ readonly hash: string }>;
}

export interface GitApiLike {
  readonly repositories: readonly GitRepositoryLike[];
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
  openRepository?(root: vscode.Uri): Promise<GitRepositoryLike | null>;
}

interface GitExtensionLike {
  readonly enabled: boolean;
  getAPI(version: 1): GitApiLike;
}

/**
 * The Git extension's API when it is installed and enabled (it is in code-server and desktop VS
 * Code unless the user turned `git.enabled` off), else undefined and the feature runs `git` itself.
 */
export async function gitExtensionApi(): Promise<GitApiLike | undefined> {
  const ext = vscode.extensions.getExtension<GitExtensionLike>('vscode.git');
  if (ext === undefined) {
    return undefined;
  }
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}
