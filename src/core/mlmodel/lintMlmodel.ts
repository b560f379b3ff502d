import type { Diagnostic } from 'vscode-languageserver-types';
import { missingFileDiagnostic } from './missingFileDiagnostic';
import { referencedFiles } from './referencedFiles';
import { validate } from './validate';

/** The file system the command-line linter needs, injected so this module stays pure and testable. */
export interface LintIo {
  readFile(path: string): string;
  isDirectory(path: string): boolean;
  readdir(path: string): string[];
  exists(path: string): boolean;
  join(...parts: string[]): string;
  dirname(path: string): string;
  write(line: string): void;
}

const SEVERITY_NAMES: Readonly<Record<number, string>> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.venv', '__pycache__']);

/** Every file named MLmodel under the given files and folders, in a stable order. */
export function collectMlmodelPaths(args: readonly string[], io: LintIo): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 32) {
      return;
    }
    for (const name of [...io.readdir(dir)].sort()) {
      const child = io.join(dir, name);
      if (io.isDirectory(child)) {
        if (!SKIPPED_DIRECTORIES.has(name)) {
          walk(child, depth + 1);
        }
      } else if (name === 'MLmodel') {
        out.push(child);
      }
    }
  };
  for (const arg of args) {
    if (io.isDirectory(arg)) {
      walk(arg, 0);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** One finding as `path:line:col: severity: message [rule]`, with 1-based line and column. */
export function formatFinding(path: string, diagnostic: Diagnostic): string {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  const severity = SEVERITY_NAMES[diagnostic.severity ?? 1] ?? 'error';
  return `${path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${severity}: ${message} [${String(diagnostic.code ?? 'mlmodel')}]`;
}

/** The findings of one MLmodel file, including the files it names that are missing next to it. */
export function lintMlmodelFile(path: string, io: LintIo, checkFiles: boolean): Diagnostic[] {
  const text = io.readFile(path);
  const diagnostics = validate(text);
  if (checkFiles) {
    const directory = io.dirname(path);
    for (const reference of referencedFiles(text)) {
      if (!io.exists(io.join(directory, ...reference.path.split('/')))) {
        diagnostics.push(missingFileDiagnostic(text, reference));
      }
    }
  }
  // Rules run one after another; a reader wants findings in file order.
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * `npm run lint-mlmodel -- [--strict] [--no-files] <files or folders>`: print every finding
 * except hints and return the exit code: 1 when any error (or, with --strict, any warning), else 0.
 */
export function runLintMlmodel(argv: readonly string[], io: LintIo): number {
  const strict = argv.includes('--strict');
  const checkFiles = !argv.includes('--no-files');
  const paths = collectMlmodelPaths(
    argv.filter((a) => !a.startsWith('--')),
    io,
  );
  let errors = 0;
  let warnings = 0;
  for (const path of paths) {
    for (const diagnostic of lintMlmodelFile(path, io, checkFiles)) {
      errors += diagnostic.severity === 1 ? 1 : 0;
      warnings += diagnostic.severity === 2 ? 1 : 0;
      if (diagnostic.severity !== 4) {
        io.write(formatFinding(path, diagnostic));
      }
    }
  }
  io.write(
    `${paths.length} MLmodel file${paths.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}
