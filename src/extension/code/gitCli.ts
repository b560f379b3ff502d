import * as vscode from 'vscode';
import { runToCompletion } from '../shared/process/processRunner';

/** What one `git` call answered. */
export interface GitAnswer {
  readonly ok: boolean;
  readonly stdout: string;
  /** Why it failed: git's own message, or that git could not be started. */
  readonly error: string;
}

/**
 * Run `git` in a repository with an argument array (never a shell). Commits and paths reach it
 * only after validation (hex commits, repository-relative paths); the `-c` options keep a
 * repository's own config from running programs for these read-only calls (fsmonitor hooks,
 * external diff drivers, text conversion). Refused outright in an untrusted workspace.
 */
export async function git(root: string, args: readonly string[], timeoutMs = 15_000): Promise<GitAnswer> {
  if (!vscode.workspace.isTrusted) {
    return { ok: false, stdout: '', error: 'The workspace is not trusted, so git is not run in it.' };
  }
  const result = await runToCompletion(
    {
      command: 'git',
      args: ['-c', 'core.fsmonitor=false', '-c', 'diff.external=', '--no-pager', ...args],
      env: { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    },
    { cwd: root, timeoutMs },
  );
  if (result.spawnError !== undefined) {
    return { ok: false, stdout: '', error: `git could not be started: ${result.spawnError}` };
  }
  return { ok: result.code === 0, stdout: result.stdout, error: result.stderr.trim().slice(0, 500) };
}
