import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validate } from '../../../../src/core/mlmodel/validate';
import { validateMlproject } from '../../../../src/core/mlproject/validate';
import { MAX_QUOTED_LENGTH, clipForMessage } from '../../../../src/core/yaml/clipForMessage';

const HUGE = 'k'.repeat(1 << 20);
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
/** Every message stays short, and the huge text shows as its start and an ellipsis. */
function assertClipped(messages: readonly string[]): void {
  assert.ok(messages.length > 0, 'some diagnostic quotes the huge text');
  for (const message of messages) {
    assert.ok(message.length < 400, `${message.length} characters: ${message.slice(0, 120)}`);
    assert.ok(message.includes(`${'k'.repeat(MAX_QUOTED_LENGTH - 1)}…`), message.slice(0, 120));
  }
}

describe('clipForMessage', () => {
  it('keeps short text and cuts long text to the limit, ellipsis included', () => {
    assert.equal(clipForMessage('run_id'), 'run_id');
    assert.equal(clipForMessage('x'.repeat(MAX_QUOTED_LENGTH)), 'x'.repeat(MAX_QUOTED_LENGTH));
    assert.equal(clipForMessage('abcdefgh', 5), 'abcd…');
    assert.equal(clipForMessage(HUGE).length, MAX_QUOTED_LENGTH);
  });

  it('never splits a surrogate pair', () => {
    assert.equal(clipForMessage('abc😀def', 5), 'abc…');
  });

  it('bounds a megabyte key quoted by MLmodel diagnostics (unknown key, duplicate key)', () => {
    const text = `flavors:\n  python_function:\n    loader_module: m\n${HUGE}: 1\n${HUGE}: 2\n`;
    const quoting = validate(text).filter((d) => d.code === 'unknown-key' || d.code === 'yaml-duplicate-key');
    assert.deepEqual(quoting.map((d) => d.code).sort(), ['unknown-key', 'unknown-key', 'yaml-duplicate-key']);
    assertClipped(quoting.map(messageOf));
  });

  it('bounds a megabyte value quoted by MLmodel diagnostics (a dtype, a number for a string)', () => {
    const dtype = `flavors:\n  python_function:\n    loader_module: m\nsignature:\n  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "${HUGE}", "shape": [-1]}}]'\n`;
    assertClipped(
      validate(dtype)
        .filter((d) => d.code === 'signature-schema')
        .map(messageOf),
    );
    const number = `flavors:\n  python_function:\n    loader_module: m\n    python_version: ${'1'.repeat(1 << 20)}\n`;
    const [asString] = validate(number).filter((d) => d.code === 'number-as-string');
    assert.ok(
      asString && messageOf(asString).length < 400,
      `${asString ? messageOf(asString).length : 0} characters`,
    );
  });

  it('bounds a megabyte key quoted by MLproject diagnostics', () => {
    const text = `name: p\n${HUGE}: 1\nentry_points:\n  main:\n    command: python train.py\n`;
    assertClipped(
      validateMlproject(text)
        .filter((d) => d.code === 'unknown-key')
        .map(messageOf),
    );
  });
});
