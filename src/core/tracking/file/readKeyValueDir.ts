import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Read a file-store `tags/`, `params/` or `metrics/` folder: one file per key, keys containing `/`
 * stored as sub-folders. Returns `[key, file contents]` pairs sorted by key, since the server's
 * own order is whatever the directory listing gave.
 */
export async function readKeyValueDir(dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  async function walk(sub: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const key = sub === '' ? e.name : `${sub}/${e.name}`;
      if (e.isDirectory()) {
        await walk(key);
      } else if (e.isFile()) {
        out.push([key, await readFile(path.join(dir, key), 'utf8')]);
      }
    }
  }
  await walk('');
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Sub-folders of `dir` (names only); empty when `dir` does not exist. */
export async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
