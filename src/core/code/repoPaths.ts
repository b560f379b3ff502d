/** Longer recorded names are no file of a repository (and would not fit in git's argument list). */
const MAX_PATH = 4096;

/**
 * Repository-relative paths a recorded `mlflow.source.name` may stand for, longest first. MLflow
 * records the path the script was started with: relative (`train.py`, `src/train.py`) or absolute
 * on the machine that ran it (`/home/ci/work/proj/src/train.py`), whose checkout folder we do not
 * know. When `repoRoot` is a prefix of an absolute name the one answer is the rest; otherwise each
 * tail of the path is a candidate, to be tried against the commit in that order.
 *
 * Every answer is a normalised POSIX path inside the repository: no `..`, no leading `/`, no
 * empty segment, so a hostile tag cannot point git (or an editor) outside the repository.
 */
export function candidatePaths(sourceName: string, repoRoot?: string): string[] {
  if (sourceName.length > MAX_PATH) {
    return [];
  }
  const name = sourceName.replace(/\\/g, '/');
  if (repoRoot !== undefined) {
    const root = repoRoot.replace(/\\/g, '/').replace(/\/+$/, '');
    if (name.startsWith(`${root}/`)) {
      const inside = repoRelativePath(name.slice(root.length + 1));
      return inside === undefined ? [] : [inside];
    }
  }
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..') || segments.length > 64) {
    return [];
  }
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    out.push(segments.slice(i).join('/'));
  }
  return out;
}

/** A path made relative to a repository root, or undefined when it would leave the repository. */
export function repoRelativePath(path: string): string | undefined {
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..') || segments.some((s) => s.includes('\0'))) {
    return undefined;
  }
  return segments.join('/');
}
