import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './mlmodelFixtures';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'lintMlmodel.ts');
const FINDING = /^[^:]+:\d+:\d+: (error|warning|info): .+ \[[a-z-]+\]$/;

/** Run `scripts/lintMlmodel.ts` as `npm run lint-mlmodel` does, in a real Node process. */
function lint(args: string[], cwd = REPO_ROOT): { code: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), SCRIPT, ...args], {
    cwd,
    encoding: 'utf8',
  });
  assert.equal(r.stderr, '', 'nothing on stderr');
  return { code: r.status, lines: r.stdout.split('\n').filter((l) => l !== '') };
}

describe('npm run lint-mlmodel (scripts/lintMlmodel.ts on the real file system)', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-mlmodel-'));
    const dir = path.join(tmp, 'warned');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'model.pkl'), 'x');
    fs.writeFileSync(
      path.join(dir, 'MLmodel'),
      'flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\ncolour: blue\n',
    );
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exits 0 on a folder of good models (the demo workspace, files next to them checked)', () => {
    assert.deepEqual(lint(['demo/models']), {
      code: 0,
      lines: ['4 MLmodel files checked: 0 errors, 0 warnings.'],
    });
  });

  it('exits 0 on the real MLflow 2.17.2 MLmodels when the files next to them are not checked', () => {
    assert.deepEqual(lint(['--no-files', 'test/fixtures/mlflow-2.17.2/mlmodel']), {
      code: 0,
      lines: ['7 MLmodel files checked: 0 errors, 0 warnings.'],
    });
  });

  it('exits 1 on a folder of broken models, one finding per line and a summary', () => {
    const { code, lines } = lint(['test/fixtures/mlmodel-samples']);
    assert.equal(code, 1);
    const summary = lines.pop();
    assert.match(summary ?? '', /^6 MLmodel files checked: [1-9]\d* errors?, \d+ warnings?\.$/);
    assert.ok(lines.length > 0 && lines.every((l) => FINDING.test(l)), lines.join('\n'));
    assert.ok(
      lines.includes(
        'test/fixtures/mlmodel-samples/invalid-no-flavors/MLmodel:3:1: error: "flavors" is empty: MLflow has no way to load this model. [flavors-empty]',
      ),
    );
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith('test/fixtures/mlmodel-samples/invalid-dangerous-tag/MLmodel:4:20: error: ') &&
          l.endsWith('[yaml-unsafe-tag]'),
      ),
    );
  });

  it('lets warnings pass unless --strict, and takes a single file as well as a folder', () => {
    const warned = lint(['warned/MLmodel'], tmp);
    assert.equal(warned.code, 0);
    assert.match(
      warned.lines[0] ?? '',
      /^warned\/MLmodel:5:1: warning: Unknown top-level key "colour".* \[unknown-key\]$/,
    );
    assert.equal(warned.lines[1], '1 MLmodel file checked: 0 errors, 1 warning.');
    assert.equal(lint(['--strict', '.'], tmp).code, 1);
  });

  it('exits 2 on bad usage: no paths, an unknown option, a path that does not exist', () => {
    assert.equal(lint([]).code, 2);
    assert.deepEqual(lint(['--fix', 'demo/models']).lines[0], 'lint-mlmodel: unknown option --fix');
    assert.deepEqual(lint(['demo/nope']), {
      code: 2,
      lines: ['lint-mlmodel: no such file or folder: demo/nope'],
    });
  });
});
