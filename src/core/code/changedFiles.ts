import { repoRelativePath } from './repoPaths';

/** One file that differs between two commits, as `git diff --name-status` says. */
export interface ChangedFile {
  /** A(dded), M(odified), D(eleted), R(enamed), C(opied), T(ype changed)… */
  readonly status: string;
  /** The path at the newer commit (for a deletion, the path that was deleted). */
  readonly path: string;
  /** The path at the older commit, when it was renamed or copied. */
  readonly oldPath?: string;
}

/** At most this many changed files are listed; a larger diff says how many were left out. */
export const MAX_CHANGED_FILES = 2000;

/**
 * Parse `git diff --name-status -z A B`: NUL-separated fields, a status then one path (two for
 * renames and copies). Paths that would leave the repository are dropped.
 */
export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0');
  const out: ChangedFile[] = [];
  let i = 0;
  while (i < fields.length && out.length < MAX_CHANGED_FILES) {
    const status = fields[i++] ?? '';
    if (status === '') {
      continue;
    }
    const letter = status.charAt(0).toUpperCase();
    const first = repoRelativePath(fields[i++] ?? '');
    if (letter === 'R' || letter === 'C') {
      const second = repoRelativePath(fields[i++] ?? '');
      if (first !== undefined && second !== undefined) {
        out.push({ status: letter, path: second, oldPath: first });
      }
    } else if (first !== undefined) {
      out.push({ status: letter, path: first });
    }
  }
  return out;
}

/** How a change is worded in the list of changed files. */
export function changeLabel(status: string): string {
  const words: Record<string, string> = {
    A: 'added',
    M: 'modified',
    D: 'deleted',
    R: 'renamed',
    C: 'copied',
    T: 'type changed',
  };
  return words[status] ?? 'changed';
}
