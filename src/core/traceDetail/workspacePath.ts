import * as path from 'node:path';

/** Control characters (C0, DEL, C1) and bidi controls: no real source path has them. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MAX_PATH = 4096;

/** `target` is `folder` itself's descendant (not the folder, not outside it). */
function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Where a path a trace names would be inside the open workspace folders: an absolute path when it
 * lies under one of them, a relative path resolved against each. Paths that leave every folder
 * (`../`, absolute elsewhere), carry control characters or are absurdly long give none. The host
 * still checks that the file exists (and that its real path stays inside) before opening it.
 */
export function workspaceCandidates(file: string, folders: readonly string[]): string[] {
  if (file === '' || file.length > MAX_PATH || UNSAFE.test(file)) {
    return [];
  }
  const out: string[] = [];
  for (const folder of folders) {
    const root = path.resolve(folder);
    const target = path.isAbsolute(file) ? path.normalize(file) : path.resolve(root, file);
    if (isInside(root, target) && !out.includes(target)) {
      out.push(target);
    }
  }
  return out;
}

/** The path as the panel shows it: relative to the folder that holds it. */
export function workspaceLabel(target: string, folders: readonly string[]): string {
  const root = folders.map((f) => path.resolve(f)).find((f) => isInside(f, target));
  return root === undefined ? path.basename(target) : path.relative(root, target).split(path.sep).join('/');
}

/** For the host's second check, on the real (symlink-resolved) paths. */
export function isInsideWorkspace(target: string, folders: readonly string[]): boolean {
  return folders.some((f) => isInside(path.resolve(f), target));
}
