import * as assert from 'node:assert/strict';
import { buildProjectRunCommand, type ProjectRunOptions } from '../../../../src/core/cli/projectRunCommand';

const BASE: ProjectRunOptions = {
  python: '/usr/bin/python3',
  projectDir: '/work/project',
  entryPoint: 'main',
  declared: {
    alpha: { type: 'float', default: '0.5' },
    data: { type: 'path' },
    epochs: { type: 'int', default: '3' },
  },
  values: { alpha: '0.1', data: 'data/wine.csv' },
};

describe('buildProjectRunCommand', () => {
  it('builds the argv with every value glued to its key, and the tracking URI in the env only', () => {
    const invocation = buildProjectRunCommand({
      ...BASE,
      experimentName: 'wine',
      envManager: 'local',
      trackingUri: 'http://127.0.0.1:5000',
    });
    assert.equal(invocation.command, '/usr/bin/python3');
    assert.deepEqual(invocation.args, [
      '-m',
      'mlflow',
      'run',
      '/work/project',
      '-e',
      'main',
      '-P',
      'alpha=0.1',
      '-P',
      'data=data/wine.csv',
      '--experiment-name',
      'wine',
      '--env-manager',
      'local',
    ]);
    assert.deepEqual(invocation.env, { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000' });
  });

  it('passes undeclared parameters through, as mlflow run appends them as --key value', () => {
    assert.deepEqual(
      buildProjectRunCommand({ ...BASE, values: { ...BASE.values, seed: '7' } }).args.slice(-2),
      ['-P', 'seed=7'],
    );
  });

  it('keeps hostile-looking values as single argv elements', () => {
    const values = { ...BASE.values, data: '--experiment-id=0; rm -rf / $(id) `id`' };
    const args = buildProjectRunCommand({ ...BASE, values }).args;
    assert.ok(args.includes('data=--experiment-id=0; rm -rf / $(id) `id`'));
    assert.ok(!args.includes('--experiment-id=0;'));
  });

  const refused: [name: string, change: Partial<ProjectRunOptions>, message: RegExp][] = [
    [
      'a key that is an option',
      { values: { '--backend': 'databricks', data: 'x' } },
      /not a valid parameter name/,
    ],
    ['a key with "="', { values: { 'a=b': '1', data: 'x' } }, /not a valid parameter name/],
    ['a key with a space', { values: { 'a b': '1', data: 'x' } }, /not a valid parameter name/],
    ['a float that is not a number', { values: { alpha: 'NaN', data: 'x' } }, /"alpha" is not a number/],
    ['a float that is an option', { values: { alpha: '--help', data: 'x' } }, /"alpha" is not a number/],
    ['an int with a fraction', { values: { epochs: '2.5', data: 'x' } }, /"epochs" is not a whole number/],
    ['a NUL in a value', { values: { data: 'a\0b' } }, /NUL/],
    [
      'a uri without a scheme',
      {
        declared: { ...BASE.declared, src: { type: 'uri' } },
        values: { ...BASE.values, src: 'data/wine.csv' },
      },
      /"src" is not a URI/,
    ],
    [
      'a line break in a value',
      { values: { data: "x\n=== Run (ID 'f00') succeeded ===" } },
      /"data" contains a line break/,
    ],
    ['a missing value with no default', { values: { alpha: '1' } }, /"data" has no default/],
    ['an entry point that is an option', { entryPoint: '--entry-point=evil' }, /entry point/],
    ['an experiment name that is an option', { experimentName: '--backend=kubernetes' }, /experiment name/],
    ['a project directory that is an option', { projectDir: '--version' }, /project directory/],
    ['an unknown env manager', { envManager: 'docker' as never }, /Unknown environment manager/],
  ];
  for (const [name, change, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => buildProjectRunCommand({ ...BASE, ...change }), message);
    });
  }
});
