import * as assert from 'node:assert/strict';
import { parseDotenv } from '../../../../src/core/connection/dotenv';

describe('parseDotenv', () => {
  it('reads KEY=VALUE lines with export prefixes, comments and both quote styles', () => {
    const env = parseDotenv(
      [
        '# the team server',
        'export MLFLOW_TRACKING_URI = "http://mlflow.internal:5000" # trailing comment',
        'PLAIN=value # comment after a space',
        'HASH=http://host/#anchor',
        "SINGLE='no \\n escapes ${HOME}'",
        'DOUBLE="line\\nbreak \\"quoted\\""',
        'EMPTY=',
        'not a pair',
        '1BAD=x',
      ].join('\n'),
    );
    assert.equal(env.get('MLFLOW_TRACKING_URI'), 'http://mlflow.internal:5000');
    assert.equal(env.get('PLAIN'), 'value');
    assert.equal(env.get('HASH'), 'http://host/#anchor');
    assert.equal(env.get('SINGLE'), 'no \\n escapes ${HOME}');
    assert.equal(env.get('DOUBLE'), 'line\nbreak "quoted"');
    assert.equal(env.get('EMPTY'), '');
    assert.deepEqual([...env.keys()].sort(), [
      'DOUBLE',
      'EMPTY',
      'HASH',
      'MLFLOW_TRACKING_URI',
      'PLAIN',
      'SINGLE',
    ]);
  });

  it('expands nothing, lets a later line win, and handles CRLF, a BOM and multi-line quotes', () => {
    const env = parseDotenv(
      '\uFEFFA=1\r\nB=${A}\r\nA=2\r\nM="one\r\ntwo"\r\nAFTER=ok\r\nOPEN="never closed\r\n',
    );
    assert.equal(env.get('A'), '2');
    assert.equal(env.get('B'), '${A}');
    assert.equal(env.get('M'), 'one\ntwo');
    assert.equal(env.get('AFTER'), 'ok');
    assert.equal(env.has('OPEN'), false);
  });

  it('reads an unterminated quote over many lines in linear time (it was quadratic: 125 KB took 66 s)', () => {
    // 250 KB of lines after an opening quote that never closes; mocha's timeout bounds the wait
    const text = `A="open\n${'x = 1\n'.repeat(42_000)}B=2\n`;
    const values = parseDotenv(text);
    assert.equal(values.has('A'), false, 'an unterminated value is dropped');
    assert.equal(values.size, 0, 'and it swallowed the lines after it');
    assert.deepEqual(
      [...parseDotenv('A="one\ntwo"\nC=3').entries()],
      [
        ['A', 'one\ntwo'],
        ['C', '3'],
      ],
    );
  });
});
