import type * as vscode from 'vscode';
import { repoRelativePath } from '../../core/code/repoPaths';
import { isCommitHash } from '../../core/code/runSource';
import type { CodeRepositories } from './codeRepositories';
import { git } from './gitCli';

/** Files larger than this are not shown from history (a diff editor with them would stall). */
const MAX_SHOW_BYTES = 5 * 1024 * 1024;

/**
 * Serves {@link CODE_DOC_SCHEME} documents: `git show <commit>:<path>` in a repository this
 * session resolved. Everything in the URI is checked again, as a URI can be opened by anyone.
 */
export function codeDocuments(repos: CodeRepositories): vscode.TextDocumentContentProvider {
  return {
    provideTextDocumentContent: async (uri) => {
      const query = parseQuery(uri.query);
      const relPath = repoRelativePath(uri.path);
      if (query === undefined || relPath === undefined || !repos.isKnownRoot(query.root)) {
        throw new Error('Not a document of a run’s commit.');
      }
      const answer = await git(query.root, ['show', `${query.commit}:${relPath}`]);
      if (!answer.ok) {
        throw new Error(`git show failed: ${answer.error}`);
      }
      return answer.stdout.length > MAX_SHOW_BYTES
        ? `${answer.stdout.slice(0, MAX_SHOW_BYTES)}\n… (cut: the file is larger than 5 MB)`
        : answer.stdout;
    },
  };
}

function parseQuery(query: string): { root: string; commit: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(query);
    if (typeof parsed !== 'object' || parsed === null) {
      return undefined;
    }
    const { root, commit } = parsed as Record<string, unknown>;
    return typeof root === 'string' && typeof commit === 'string' && isCommitHash(commit)
      ? { root, commit }
      : undefined;
  } catch {
    return undefined;
  }
}
