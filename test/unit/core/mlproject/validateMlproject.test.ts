import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingEnvironmentFiles } from '../../../../src/core/mlproject/missingEnvironmentFiles';
import { validateMlproject } from '../../../../src/core/mlproject/validate';
import { parseMarkers, position } from '../yaml/markers';

const FIXTURES = path.join(__dirname, '../../../fixtures/mlproject');

const BASE = `name: tutorial
python_env: python_env.yaml
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      data: path
    command: "python train.py --alpha {alpha} --data {data}"
`;

type Row = [name: string, edits: [find: string, replace: string][], code: string, severity: number];

function mutate(edits: Row[1]): string {
  let text = BASE;
  for (const [find, replace] of edits) {
    assert.ok(text.includes(find), `base text has no ${JSON.stringify(find)}`);
    text = text.replace(find, replace);
  }
  return text;
}

describe('validateMlproject: one diagnostic each at the exact range', () => {
  const rows: Row[] = [
    ['YAML syntax', [['name: tutorial\npython_env', 'name: [tutorial\n|[|p|]|ython_env']], 'yaml-syntax', 1],
    ['unknown top-level key', [['name: tutorial', 'name: tutorial\n|[|nmae2|]|: x']], 'unknown-key', 2],
    [
      'unknown key in an entry point',
      [['    command:', '    |[|comand|]|: x\n    command:']],
      'unknown-key',
      2,
    ],
    [
      'two environments',
      [['python_env: python_env.yaml', 'python_env: python_env.yaml\n|[|conda_env|]|: conda.yaml']],
      'two-environments',
      1,
    ],
    [
      'docker_env without image',
      [['python_env: python_env.yaml', '|[|docker_env|]|:\n  volumes: ["/a:/b"]']],
      'docker-image-missing',
      1,
    ],
    [
      'docker_env image not a string',
      [['python_env: python_env.yaml', 'docker_env:\n  image: |[|[a]|]|']],
      'wrong-type',
      1,
    ],
    [
      'docker_env volume not a string',
      [['python_env: python_env.yaml', 'docker_env:\n  image: img\n  volumes: [|[|8080|]|]']],
      'wrong-type',
      1,
    ],
    [
      'docker_env environment entry of three',
      [['python_env: python_env.yaml', 'docker_env:\n  image: img\n  environment: [A, |[|[B, c, d]|]|]']],
      'docker-environment-entry',
      1,
    ],
    [
      'entry_points not a map',
      [
        [
          'entry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.5}\n      data: path\n    command: "python train.py --alpha {alpha} --data {data}"\n',
          'entry_points: |[|main|]|\n',
        ],
      ],
      'wrong-type',
      1,
    ],
    [
      'entry point without command',
      [
        ['    command: "python train.py --alpha {alpha} --data {data}"\n', ''],
        ['  main:', '  |[|main|]|:'],
        [
          '    parameters:\n      alpha: {type: float, default: 0.5}\n      data: path\n',
          '    parameters: {}\n',
        ],
      ],
      'command-missing',
      1,
    ],
    ['unknown parameter type', [['data: path', 'data: |[|pth|]|']], 'unknown-parameter-type', 2],
    ['float default that is no number', [['default: 0.5', 'default: |[|half|]|']], 'default-mismatch', 1],
    [
      'placeholder naming no parameter',
      [['--data {data}', '--data {data} |[|{epochs}|]|']],
      'unknown-placeholder',
      1,
    ],
    [
      'placeholder in a folded plain command',
      [
        [
          '    command: "python train.py --alpha {alpha} --data {data}"',
          '    command: python train.py --alpha {alpha} --data {data}\n      |[|{eps}|]|',
        ],
      ],
      'unknown-placeholder',
      1,
    ],
    [
      'declared parameter the command never uses',
      [['      data: path', '      data: path\n      |[|seed|]|: float']],
      'unused-parameter',
      4,
    ],
  ];
  for (const [name, edits, code, severity] of rows) {
    it(name, () => {
      const { text, start, end } = parseMarkers(mutate(edits));
      const diagnostics = validateMlproject(text);
      assert.equal(
        diagnostics.length,
        1,
        diagnostics.map((d) => `${String(d.code)}: ${JSON.stringify(d.message)}`).join('\n'),
      );
      const [d] = diagnostics;
      assert.equal(d?.code, code);
      assert.equal(d.severity, severity);
      assert.equal(d.source, 'MLproject');
      assert.deepEqual(d.range, { start: position(text, start), end: position(text, end) });
    });
  }

  it('the base text is clean', () => {
    assert.deepEqual(validateMlproject(BASE), []);
  });

  it('escaped braces are not placeholders', () => {
    assert.deepEqual(validateMlproject(BASE.replace('--data {data}', '--data {data} --json {{a}}')), []);
  });
});

describe('validateMlproject: real MLproject files from MLflow examples validate clean', () => {
  for (const dir of fs
    .readdirSync(FIXTURES)
    .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'MLproject')))) {
    it(dir, () => {
      assert.deepEqual(validateMlproject(fs.readFileSync(path.join(FIXTURES, dir, 'MLproject'), 'utf8')), []);
    });
  }
});

describe('missingEnvironmentFiles', () => {
  it('reports a python_env file that does not exist, at its value', async () => {
    const { text, start, end } = parseMarkers(
      BASE.replace('python_env: python_env.yaml', 'python_env: |[|envs/python_env.yaml|]|'),
    );
    const asked: string[] = [];
    const diagnostics = await missingEnvironmentFiles(text, (p) => {
      asked.push(p);
      return Promise.resolve(false);
    });
    assert.deepEqual(asked, ['envs/python_env.yaml']);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'missing-file');
    assert.deepEqual(diagnostics[0].range, { start: position(text, start), end: position(text, end) });
  });

  it('says nothing when the file exists', async () => {
    assert.deepEqual(await missingEnvironmentFiles(BASE, () => Promise.resolve(true)), []);
  });
});
