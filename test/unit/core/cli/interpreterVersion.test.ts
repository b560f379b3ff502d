import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliInvocation } from '../../../../src/core/cli/cliInvocation';
import { InterpreterVersion } from '../../../../src/core/cli/interpreterVersion';
import { buildPythonVersionCommand, parsePythonVersion } from '../../../../src/core/cli/pythonVersion';
import { validate } from '../../../../src/core/mlmodel/validate';

const RF_MLMODEL = path.resolve(
  __dirname,
  '../../../fixtures/mlflow-2.17.2/mlmodel/v2.17.2--sklearn--sklearn_random_forest--model/MLmodel',
);

/** Fakes for the extension's interpreter lookup and process runner that record every call. */
function fakes(answers: { python?: string; stdout?: string; stderr?: string; code?: number }) {
  const calls: { find: number; runs: CliInvocation[]; log: string[] } = { find: 0, runs: [], log: [] };
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const deps = {
    findPython: async () => {
      calls.find++;
      await gate;
      return answers.python;
    },
    run: (inv: CliInvocation) => {
      calls.runs.push(inv);
      return Promise.resolve({
        code: answers.code ?? 0,
        stdout: answers.stdout ?? '',
        stderr: answers.stderr ?? '',
      });
    },
    log: (m: string) => {
      calls.log.push(m);
    },
  };
  return {
    deps,
    calls,
    release: () => {
      release();
    },
  };
}

describe("the selected interpreter's version for the python_version hint", () => {
  it('parses `python --version` from stdout (Python 3) or stderr (Python 2), and nothing else', () => {
    assert.deepEqual(buildPythonVersionCommand('/venv/bin/python'), {
      command: '/venv/bin/python',
      args: ['--version'],
      env: {},
    });
    assert.equal(parsePythonVersion('Python 3.11.2\n'), '3.11.2');
    assert.equal(parsePythonVersion('\nPython 2.7.18\n'), '2.7.18');
    assert.equal(parsePythonVersion('Python 3.13.0rc1'), '3.13.0');
    assert.equal(parsePythonVersion('mlflow, version 2.17.2'), undefined);
    assert.equal(parsePythonVersion('/bin/sh: python: not found'), undefined);
  });

  it('asks the interpreter once, shares the lookup between callers, and caches the answer', async () => {
    const { deps, calls, release } = fakes({ python: '/venv/bin/python', stdout: 'Python 3.10.4\n' });
    const version = new InterpreterVersion(deps);
    const first = version.get();
    const second = version.get();
    assert.equal(version.current, undefined, 'nothing is known before the interpreter answers');
    release();
    assert.deepEqual(await Promise.all([first, second]), ['3.10.4', '3.10.4']);
    assert.equal(await version.get(), '3.10.4');
    assert.equal(version.current, '3.10.4');
    assert.equal(calls.find, 1);
    assert.deepEqual(
      calls.runs.map((r) => [r.command, ...r.args]),
      [['/venv/bin/python', '--version']],
    );
  });

  it('asks again after a reset, and drops an answer that arrives after one', async () => {
    const { deps, calls, release } = fakes({ python: 'python3', stdout: 'Python 3.8.1' });
    const version = new InterpreterVersion(deps);
    const stale = version.get();
    version.reset();
    release();
    await stale;
    assert.equal(version.current, undefined, 'the answer to the old question is not kept');
    assert.equal(await version.get(), '3.8.1');
    assert.equal(calls.find, 2);
  });

  it('gives undefined, never a rejection, when there is no interpreter or it fails', async () => {
    const none = fakes({ python: undefined });
    none.release();
    assert.equal(await new InterpreterVersion(none.deps).get(), undefined);
    assert.deepEqual(none.calls.runs, [], 'nothing is run when no interpreter may be asked');

    const broken = fakes({ python: '/nope/python', code: 1, stderr: 'spawn /nope/python ENOENT' });
    broken.release();
    assert.equal(await new InterpreterVersion(broken.deps).get(), undefined);
    assert.match(broken.calls.log.join('\n'), /gave no Python version/);

    const throwing = new InterpreterVersion({
      findPython: () => Promise.reject(new Error('MLflow is not installed for python3')),
      run: () => assert.fail('not run'),
    });
    assert.equal(await throwing.get(), undefined);
  });

  it('feeds validate(): a real MLmodel saved with 3.11.2 gets the hint under 3.10, not under 3.11', async () => {
    const text = fs.readFileSync(RF_MLMODEL, 'utf8');
    const { deps, release } = fakes({ python: 'python3', stdout: 'Python 3.10.4' });
    release();
    const hint = validate(text, { pythonVersion: await new InterpreterVersion(deps).get() }).filter(
      (d) => d.code === 'python-version-mismatch',
    );
    assert.equal(hint.length, 1);
    const [only] = hint;
    assert.ok(only);
    assert.equal(only.severity, 4);
    assert.equal(text.split('\n').at(only.range.start.line)?.slice(only.range.start.character), '3.11.2');

    const same = fakes({ python: 'python3', stdout: 'Python 3.11.9' });
    same.release();
    assert.deepEqual(
      validate(text, { pythonVersion: await new InterpreterVersion(same.deps).get() }).filter(
        (d) => d.code === 'python-version-mismatch',
      ),
      [],
    );
  });
});
