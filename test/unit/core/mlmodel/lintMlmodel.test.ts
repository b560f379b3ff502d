import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLintMlmodel, type LintIo } from '../../../../src/core/mlmodel/lintMlmodel';
import { REPO_ROOT } from './mlmodelFixtures';

/** An in-memory file system: path -> content, folders implied by the paths. */
function memoryIo(files: Record<string, string>, output: string[]): LintIo {
  const isDirectory = (p: string): boolean => Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    readFile: (p) => files[p] ?? '',
    isDirectory,
    readdir: (p) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(`${p}/`))
          .map((f) => f.slice(p.length + 1).split('/')[0] ?? ''),
      ),
    ],
    exists: (p) => p in files || isDirectory(p),
    join: (...parts) => parts.join('/'),
    dirname: (p) => p.slice(0, p.lastIndexOf('/')),
    write: (line) => output.push(line),
  };
}

const GOOD = 'flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n';

describe('runLintMlmodel (npm run lint-mlmodel)', () => {
  it('prints path:line:col: severity: message [rule] and exits 1 on an error', () => {
    const output: string[] = [];
    const io = memoryIo(
      {
        'm/a/MLmodel': GOOD,
        'm/a/model.pkl': 'x',
        'm/b/MLmodel': 'flavors:\n  python_function:\n    python_version: 3.10\n',
        'm/b/notes.txt': '',
      },
      output,
    );
    assert.equal(runLintMlmodel(['m'], io), 1);
    assert.deepEqual(output, [
      'm/b/MLmodel:2:3: error: python_function has no "loader_module": MLflow cannot load the model through pyfunc. [loader-module-missing]',
      'm/b/MLmodel:3:21: warning: "python_version" should be a string, but 3.10 is read as a number. Quote it: \'3.10\'. [number-as-string]',
      '2 MLmodel files checked: 1 error, 1 warning.',
    ]);
  });

  it('exits 0 on warnings alone, 1 with --strict', () => {
    const files = { 'x/MLmodel': `${GOOD}custom: 1\n`, 'x/model.pkl': '' };
    assert.equal(runLintMlmodel(['x/MLmodel'], memoryIo(files, [])), 0);
    assert.equal(runLintMlmodel(['--strict', 'x/MLmodel'], memoryIo(files, [])), 1);
  });

  it('reports files the MLmodel names that are missing, unless --no-files', () => {
    const output: string[] = [];
    assert.equal(runLintMlmodel(['y/MLmodel'], memoryIo({ 'y/MLmodel': GOOD }, output)), 1);
    assert.match(
      output[0] ?? '',
      /^y\/MLmodel:4:17: error: "model\.pkl" \(flavors\.python_function\.model_path\) does not exist/,
    );
    assert.equal(runLintMlmodel(['--no-files', 'y/MLmodel'], memoryIo({ 'y/MLmodel': GOOD }, [])), 0);
  });

  it('passes the real recorded models on disk (whose model files the recordings left out) with --no-files', () => {
    const output: string[] = [];
    const io: LintIo = {
      readFile: (p) => fs.readFileSync(p, 'utf8'),
      isDirectory: (p) => fs.statSync(p).isDirectory(),
      readdir: (p) => fs.readdirSync(p),
      exists: (p) => fs.existsSync(p),
      join: (...parts) => path.join(...parts),
      dirname: (p) => path.dirname(p),
      write: (line) => output.push(line),
    };
    assert.equal(
      runLintMlmodel(
        ['--strict', '--no-files', path.join(REPO_ROOT, 'test/fixtures/mlflow-2.17.2/mlmodel')],
        io,
      ),
      0,
    );
    assert.match(output[output.length - 1] ?? '', /^\d+ MLmodel files checked: 0 errors, 0 warnings\.$/);
  });
});
