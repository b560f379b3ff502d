// The import graph between the top-level folders under one source root (src/core, src/extension),
// read from the files' relative imports, and the cycles in it: the shape checks of
// test/unit/importGraph.test.ts. A plain reader of import lines, not a TypeScript resolver:
// enough for this codebase, which imports only by relative path or package name.
import * as fs from 'node:fs';
import * as path from 'node:path';

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  /** "file -> imported file", relative to the root, for the failure message. */
  readonly imports: readonly string[];
}

/** The folder a file lives in, one level under `root`; files directly in `root` are "(root)". */
function folderOf(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep);
  return rel.length > 1 ? (rel[0] ?? '(root)') : '(root)';
}

export function folderGraph(root: string): FolderEdge[] {
  const edges = new Map<string, string[]>();
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!rel.endsWith('.ts')) {
      continue;
    }
    const file = path.join(root, rel);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (!spec.startsWith('.')) {
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(root + path.sep)) {
        continue;
      }
      const from = folderOf(root, file);
      const to = folderOf(
        root,
        fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : target,
      );
      if (from !== to) {
        const key = `${from}\0${to}`;
        edges.set(key, [
          ...(edges.get(key) ?? []),
          `${path.relative(root, file)} -> ${path.relative(root, target)}`,
        ]);
      }
    }
  }
  return [...edges].map(([key, imports]) => {
    const [from = '', to = ''] = key.split('\0');
    return { from, to, imports };
  });
}

/** Strongly connected groups of more than one folder (Tarjan): each is an import cycle. */
export function cycles(edges: readonly Pick<FolderEdge, 'from' | 'to'>[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        group.push(w);
      }
      if (group.length > 1) {
        found.push(group.sort());
      }
    }
  };
  for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) {
    if (!index.has(v)) {
      visit(v);
    }
  }
  return found;
}

/**
 * Breaks of the feature-room rule: `shared` imports no other folder; a feature folder imports
 * another one only through its index.ts; no folder imports the composition root's files.
 */
export function roomRuleBreaks(edges: readonly FolderEdge[], shared: string): string[] {
  const breaks: string[] = [];
  for (const e of edges) {
    for (const line of e.imports) {
      const target = line.split(' -> ')[1] ?? '';
      if (e.from === shared) {
        breaks.push(`${line}: ${shared}/ imports a feature`);
      } else if (e.to === '(root)') {
        breaks.push(`${line}: a feature imports the composition root`);
      } else if (e.to !== shared && target !== e.to && target !== `${e.to}/index`) {
        breaks.push(`${line}: into another feature past its index.ts`);
      }
    }
  }
  return breaks;
}
