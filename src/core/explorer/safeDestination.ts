import * as path from 'node:path';

/**
 * Where an artifact lands inside `root` when downloaded, or undefined when its path would leave
 * `root` (`../`, an absolute path, a drive letter, a NUL byte). Artifact paths come from the
 * server, so a hostile one must never write outside the folder the user picked.
 */
export function safeDestination(root: string, artifactPath: string): string | undefined {
  if (
    artifactPath === '' ||
    artifactPath.includes('\0') ||
    /^[a-zA-Z]:/.test(artifactPath) ||
    artifactPath.startsWith('/') ||
    artifactPath.startsWith('\\')
  ) {
    return undefined;
  }
  const segments = artifactPath.split(/[\\/]+/);
  if (segments.some((s) => s === '..' || s === '.')) {
    return undefined;
  }
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  return target.startsWith(base + path.sep) ? target : undefined;
}
