import * as assert from 'node:assert/strict';
import { buildProjectRunCommand } from '../../../../src/core/cli/projectRunCommand';
import { declaredParameters, type EntryPoint } from '../../../../src/core/mlproject/entryPoints';
import { checkExperimentName, checkRunForm, valuesToPass } from '../../../../src/core/mlproject/runForm';

const ENTRY: EntryPoint = {
  name: 'main',
  parameters: [
    { name: 'alpha', type: 'float', default: '0.5' },
    { name: 'epochs', type: 'int', default: '3' },
    { name: 'data', type: 'path' },
    { name: 'note', type: 'string', default: 'x' },
  ],
  command: 'python train.py',
  keyRange: { start: 0, end: 4 },
};

describe('checkRunForm', () => {
  const rows: [name: string, values: Record<string, string>, problems: Record<string, RegExp>][] = [
    ['accepts typed values', { alpha: '0.1', epochs: '10', data: 'a.csv' }, {}],
    ['lets an empty field fall back to its default', { alpha: '', epochs: '', data: 'a.csv', note: '' }, {}],
    ['asks for a parameter without a default', { alpha: '0.1' }, { data: /needs a value/ }],
    [
      'refuses a float that is not a number',
      { alpha: '0.5; rm -rf ~', data: 'a' },
      { alpha: /not a number/ },
    ],
    ['refuses an int with a fraction', { epochs: '2.5', data: 'a' }, { epochs: /not a whole number/ }],
    [
      'refuses a line break in a string',
      { note: "x\n=== Run (ID 'a') succeeded ===", data: 'a' },
      { note: /line break/ },
    ],
  ];
  for (const [name, values, problems] of rows) {
    it(name, () => {
      const check = checkRunForm(ENTRY, { values, experimentName: '', envManager: 'local' });
      assert.deepEqual(Object.keys(check.parameters).sort(), Object.keys(problems).sort());
      for (const [key, pattern] of Object.entries(problems)) {
        assert.match(check.parameters[key] ?? '', pattern);
      }
      assert.equal(check.ok, Object.keys(problems).length === 0);
    });
  }

  it('checks the experiment name and the env manager', () => {
    const bad = checkRunForm(ENTRY, {
      values: { data: 'a' },
      experimentName: '--backend=databricks',
      envManager: 'docker',
    });
    assert.match(bad.experimentName ?? '', /cannot start with "-"/);
    assert.match(bad.envManager ?? '', /local, virtualenv, uv, conda/);
    assert.equal(bad.ok, false);
    assert.equal(
      checkRunForm(ENTRY, { values: { data: 'a' }, experimentName: 'wine', envManager: 'uv' }).ok,
      true,
    );
  });

  it('ignores values smuggled in for names the entry point does not declare', () => {
    const values = JSON.parse('{"data":"a","__proto__":{"polluted":"1"}}') as Record<string, string>;
    assert.equal(checkRunForm(ENTRY, { values, experimentName: '', envManager: 'local' }).ok, true);
    assert.deepEqual(valuesToPass(ENTRY, values), { data: 'a' });
  });
});

describe('checkExperimentName', () => {
  it('allows blank (MLflow’s default experiment) and ordinary names', () => {
    assert.equal(checkExperimentName(''), undefined);
    assert.equal(checkExperimentName('wine quality / v2'), undefined);
  });
  it('refuses padding, control characters and overlong names', () => {
    assert.match(checkExperimentName(' wine') ?? '', /spaces/);
    assert.match(checkExperimentName('a\tb') ?? '', /control/);
    assert.match(checkExperimentName('x'.repeat(501)) ?? '', /500/);
  });
});

describe('valuesToPass', () => {
  it('passes the filled fields, in declaration order, and builds an argv the builder accepts', () => {
    const values = valuesToPass(ENTRY, { note: '', data: 'data/wine.csv', alpha: '0.7', epochs: '3' });
    assert.deepEqual(values, { alpha: '0.7', epochs: '3', data: 'data/wine.csv' });
    const argv = buildProjectRunCommand({
      python: 'python',
      projectDir: '/p',
      entryPoint: 'main',
      declared: declaredParameters(ENTRY),
      values,
    }).args;
    assert.deepEqual(argv.slice(6), ['-P', 'alpha=0.7', '-P', 'epochs=3', '-P', 'data=data/wine.csv']);
  });
});
