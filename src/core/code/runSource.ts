import type { Tag } from '../tracking/entities/tag';

/** Tag keys MLflow writes about the code a run (or logged model, or trace) came from. */
export const SOURCE_TAGS = {
  name: 'mlflow.source.name',
  commit: 'mlflow.source.git.commit',
  repoUrl: 'mlflow.source.git.repoURL',
  branch: 'mlflow.source.git.branch',
  dirty: 'mlflow.source.git.dirty',
  diff: 'mlflow.git.diff',
} as const;

/** Where a run's code lives, read from its tags; every field is as the server sent it. */
export interface RunSource {
  /** The entry point as recorded (absolute on the machine that ran it, or relative). */
  readonly sourceName: string | undefined;
  /** Lowercase hex commit when the tag holds a valid one, else undefined. */
  readonly commit: string | undefined;
  /** The raw commit tag, kept so that a malformed one can be named in a message. */
  readonly rawCommit: string | undefined;
  readonly repoUrl: string | undefined;
  readonly branch: string | undefined;
  /** True when MLflow saw uncommitted changes (`mlflow.source.git.dirty` = "true"). */
  readonly dirty: boolean;
  /** The uncommitted diff MLflow logged (`mlflow.git.diff`), when present. */
  readonly diff: string | undefined;
}

/**
 * A git object name: 7–64 hex digits (SHA-1 or SHA-256, possibly abbreviated). Anything else is
 * refused before it reaches git, so a server's tag can never become an option such as `--output`.
 */
export function isCommitHash(value: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(value);
}

export function runSource(tags: readonly Tag[]): RunSource {
  const get = (key: string): string | undefined => {
    const value = tags.find((t) => t.key === key)?.value;
    return value === undefined || value === '' ? undefined : value;
  };
  const rawCommit = get(SOURCE_TAGS.commit)?.trim();
  return {
    sourceName: get(SOURCE_TAGS.name),
    commit: rawCommit !== undefined && isCommitHash(rawCommit) ? rawCommit.toLowerCase() : undefined,
    rawCommit,
    repoUrl: get(SOURCE_TAGS.repoUrl),
    branch: get(SOURCE_TAGS.branch),
    dirty: get(SOURCE_TAGS.dirty)?.toLowerCase() === 'true',
    diff: get(SOURCE_TAGS.diff),
  };
}

/** The first 8 digits, as people read a commit. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 8);
}

/**
 * A repository URL reduced to `host/owner/name` so that the forms git writes for the same
 * repository compare equal: `git@host:o/r.git`, `https://user@host/o/r`, `ssh://git@host/o/r/`.
 */
export function normalizeRepoUrl(url: string): string {
  let u = url.trim().toLowerCase();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.*)$/.exec(u);
  if (scp !== null) {
    u = `${scp[1] ?? ''}/${scp[2] ?? ''}`;
  } else {
    u = u.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]*@/, '');
  }
  return u
    .replace(/:\d+\//, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
