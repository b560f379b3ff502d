import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseNameStatus, type ChangedFile } from '../../core/code/changedFiles';
import { candidatePaths } from '../../core/code/repoPaths';
import { displayText } from '../../core/explorer/displayText';
import { isCommitHash, normalizeRepoUrl, type RunSource } from '../../core/code/runSource';
import { git } from './gitCli';
import { gitExtensionApi, type GitApiLike } from './gitExtensionApi';

/** A run's entry point found in an open repository at the run's commit. */
export interface ResolvedSource {
  readonly root: string;
  readonly commit: string;
  /** Repository-relative POSIX path of the entry point. */
  readonly relPath: string;
}

/** Why a run's code could not be found; `message` is what the user reads. */
export interface SourceProblem {
  readonly problem: 'noCommit' | 'notInWorkspace' | 'noFile' | 'untrusted';
  readonly message: string;
}

/**
 * The open repositories and what is read from them. The Git extension's API gives the list of
 * repositories and the `git:` documents VS Code shows read-only; where it is missing (turned off,
 * or not in a code-server build) `git` runs directly and {@link CODE_DOC_SCHEME} documents serve
 * the same text. Roots found are remembered, so a document URI can only name one of them.
 */
export class CodeRepositories {
  private readonly known = new Set<string>();

  constructor(private readonly api: () => Promise<GitApiLike | undefined> = gitExtensionApi) {}

  /** Whether `root` is a repository this session resolved a source in. */
  isKnownRoot(root: string): boolean {
    return this.known.has(root);
  }

  /** Repository roots of the workspace: the Git extension's, then each folder's own top level. */
  async roots(): Promise<string[]> {
    const found = new Set<string>();
    for (const repo of (await this.api())?.repositories ?? []) {
      found.add(repo.rootUri.fsPath);
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') {
        continue;
      }
      const top = await git(folder.uri.fsPath, ['rev-parse', '--show-toplevel']);
      if (top.ok && top.stdout.trim() !== '') {
        found.add(path.resolve(top.stdout.trim()));
      }
      // Repositories one level down, as the Git extension finds them (git.repositoryScanMaxDepth 1).
      for (const child of await childRepositories(folder.uri.fsPath)) {
        found.add(child);
      }
    }
    return [...found];
  }

  /** Find the run's repository (the one with its commit, same remote first) and its entry point there. */
  async resolve(source: RunSource): Promise<ResolvedSource | SourceProblem> {
    if (!vscode.workspace.isTrusted) {
      return { problem: 'untrusted', message: 'Trust this workspace to open code from its git history.' };
    }
    const commit = source.commit;
    if (commit === undefined) {
      return {
        problem: 'noCommit',
        message:
          source.rawCommit === undefined
            ? 'This run has no mlflow.source.git.commit tag: it was not started from a git repository.'
            : 'This run’s mlflow.source.git.commit tag is not a commit hash.',
      };
    }
    const roots = await this.rootsByRemote(source.repoUrl);
    for (const root of roots) {
      if (!(await git(root, ['cat-file', '-e', `${commit}^{commit}`])).ok) {
        continue;
      }
      for (const relPath of candidatePaths(source.sourceName ?? '', root)) {
        if ((await git(root, ['cat-file', '-e', `${commit}:${relPath}`])).ok) {
          this.known.add(root);
          return { root, commit, relPath };
        }
      }
      return {
        problem: 'noFile',
        message: `Commit ${commit.slice(0, 8)} is in ${path.basename(root)}, but the run's source file (${displayText(source.sourceName ?? 'none recorded', 200)}) is not in it.`,
      };
    }
    const where = source.repoUrl === undefined ? '' : ` of ${displayText(source.repoUrl, 200)}`;
    return {
      problem: 'notInWorkspace',
      message: `Commit ${commit.slice(0, 8)}${where} is not in any repository open in this workspace.`,
    };
  }

  /** Repositories whose remote is the run's repository URL come first. */
  private async rootsByRemote(repoUrl: string | undefined): Promise<string[]> {
    const roots = await this.roots();
    if (repoUrl === undefined) {
      return roots;
    }
    const wanted = normalizeRepoUrl(repoUrl);
    const api = await this.api();
    const matches = (root: string): boolean =>
      api?.repositories
        .find((r) => r.rootUri.fsPath === root)
        ?.state.remotes.some((r) =>
          [r.fetchUrl, r.pushUrl].some((u) => u !== undefined && normalizeRepoUrl(u) === wanted),
        ) ?? false;
    return [...roots.filter(matches), ...roots.filter((r) => !matches(r))];
  }

  /** Files that differ between two commits of one repository. */
  async changedFiles(root: string, from: string, to: string): Promise<ChangedFile[]> {
    if (!isCommitHash(from) || !isCommitHash(to)) {
      throw new Error('Not a commit hash.');
    }
    const answer = await git(root, [
      'diff',
      '--no-ext-diff',
      '--no-textconv',
      '--name-status',
      '-z',
      from,
      to,
      '--',
    ]);
    if (!answer.ok) {
      throw new Error(`git diff failed: ${answer.error}`);
    }
    return parseNameStatus(answer.stdout);
  }

  /** The read-only document of `relPath` at `commit`: a `git:` URI when the Git extension is there. */
  async documentUri(root: string, commit: string, relPath: string): Promise<vscode.Uri> {
    const file = vscode.Uri.joinPath(vscode.Uri.file(root), ...relPath.split('/'));
    const api = await this.api();
    if (api !== undefined) {
      const open =
        api.repositories.some((r) => r.rootUri.fsPath === root) ||
        (api.openRepository !== undefined && (await api.openRepository(vscode.Uri.file(root))) !== null);
      if (open) {
        return api.toGitUri(file, commit);
      }
    }
    return codeDocumentUri(root, commit, relPath);
  }
}

/** Folders directly inside `folder` that hold a `.git` (at most the first 500 entries are looked at). */
async function childRepositories(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.slice(0, 500)) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const dir = path.join(folder, entry.name);
      if (
        await fs.stat(path.join(dir, '.git')).then(
          () => true,
          () => false,
        )
      ) {
        out.push(dir);
      }
    }
  }
  return out;
}

/** Scheme of the read-only documents served by running `git show` when the Git extension is missing. */
export const CODE_DOC_SCHEME = 'mlflow-git';

export function codeDocumentUri(root: string, commit: string, relPath: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: CODE_DOC_SCHEME,
    path: `/${relPath}`,
    query: JSON.stringify({ root, commit }),
  });
}
