// `npm run lint-mlmodel -- [--strict] [--no-files] <files or folders>`: the MLmodel checks of the
// editor, for CI pipelines. Prints `path:line:col: severity: message [rule]` per finding and exits
// 1 on any error (with --strict, on any warning too), 0 otherwise, and 2 on bad usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLintMlmodel, type LintIo } from '../src/core/mlmodel/lintMlmodel';

const USAGE = 'usage: npm run lint-mlmodel -- [--strict] [--no-files] <MLmodel files or folders>';
const OPTIONS = new Set(['--strict', '--no-files']);

/** The real file system behind {@link LintIo}: paths resolved against `cwd`, output through `write`. */
export function nodeLintIo(write: (line: string) => void, cwd: string): LintIo {
  const at = (p: string): string => path.resolve(cwd, p);
  return {
    readFile: (p) => fs.readFileSync(at(p), 'utf8'),
    isDirectory: (p) => {
      try {
        return fs.statSync(at(p)).isDirectory();
      } catch {
        return false;
      }
    },
    readdir: (p) => fs.readdirSync(at(p)),
    exists: (p) => fs.existsSync(at(p)),
    join: (...parts) => path.join(...parts),
    dirname: (p) => path.dirname(p),
    write,
  };
}

/** Run the linter; returns the exit code. Paths are resolved against `cwd` but printed as given. */
export function main(argv: readonly string[], write: (line: string) => void, cwd = process.cwd()): number {
  const unknown = argv.find((a) => a.startsWith('--') && !OPTIONS.has(a));
  const targets = argv.filter((a) => !a.startsWith('--'));
  if (unknown !== undefined || targets.length === 0) {
    write(
      `lint-mlmodel: ${unknown === undefined ? 'give at least one MLmodel file or folder' : `unknown option ${unknown}`}`,
    );
    write(USAGE);
    return 2;
  }
  const missing = targets.find((t) => !fs.existsSync(path.resolve(cwd, t)));
  if (missing !== undefined) {
    write(`lint-mlmodel: no such file or folder: ${missing}`);
    return 2;
  }
  try {
    return runLintMlmodel(argv, nodeLintIo(write, cwd));
  } catch (err: unknown) {
    write(`lint-mlmodel: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (line) => {
    process.stdout.write(`${line}\n`);
  });
}
