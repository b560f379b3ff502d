import * as assert from 'node:assert/strict';
import {
  addAssessmentPrompt,
  nameProblem,
  overridePrompt,
  parseValueInput,
} from '../../../../src/core/traceDetail/assessmentInput';
import type { Assessment } from '../../../../src/core/traces/entities/assessment';

describe('assessment input', () => {
  it('reads JSON when it is JSON, else keeps the text as a string; refuses nothing and null', () => {
    assert.deepEqual(parseValueInput('true'), { ok: true, value: true });
    assert.deepEqual(parseValueInput(' 0.8 '), { ok: true, value: 0.8 });
    assert.deepEqual(parseValueInput('["a", "b"]'), { ok: true, value: ['a', 'b'] });
    assert.deepEqual(parseValueInput('{"k": 1}'), { ok: true, value: { k: 1 } });
    assert.deepEqual(parseValueInput('great answer'), { ok: true, value: 'great answer' });
    assert.deepEqual(parseValueInput('"0.8"'), { ok: true, value: '0.8' });
    assert.equal(parseValueInput('   ').ok, false);
    assert.equal(parseValueInput('null').ok, false);
    assert.equal(nameProblem(''), 'A name is needed.');
    assert.equal(nameProblem('x'.repeat(251)), 'At most 250 characters.');
    assert.equal(nameProblem('relevance'), undefined);
  });

  it('the confirmation says what is written, where, by whom, with control characters made visible', () => {
    const p = addAssessmentPrompt(
      'feedback',
      'helpful',
      true,
      'Solved\nit',
      { traceId: 'tr-1', spanId: '0123456789abcdef', spanName: 'plan\u202e' },
      'alice',
      'http://127.0.0.1:5000',
    );
    assert.equal(p.message, 'Add feedback to span plan\u241f (0123456789abcdef) of trace tr-1?');
    assert.equal(
      p.detail,
      [
        'Feedback helpful = true',
        'Source: HUMAN, alice',
        'Rationale: Solved\u241fit',
        'Written to http://127.0.0.1:5000. This extension cannot delete assessments.',
      ].join('\n'),
    );
    const e = addAssessmentPrompt(
      'expectation',
      'facts',
      ['a'],
      undefined,
      { traceId: 'tr-1', spanId: undefined, spanName: undefined },
      'alice',
      's',
    );
    assert.equal(e.message, 'Add expectation to trace tr-1?');
    assert.ok(e.detail.startsWith('Expectation facts = ["a"]\n'));
  });

  it('the override confirmation names the old value and its judge, and says the old one is kept', () => {
    const old: Assessment = {
      assessmentId: 'a-1',
      name: 'relevance',
      traceId: 'tr-1',
      spanId: undefined,
      kind: 'feedback',
      value: 0.55,
      error: undefined,
      rationale: undefined,
      sourceType: 'LLM_JUDGE',
      sourceId: 'openai:/gpt-4o-mini',
      createTimeMs: 0,
      lastUpdateTimeMs: 0,
      metadata: {},
      overrides: undefined,
      valid: true,
    };
    const p = overridePrompt(old, 0.9, undefined, 'bob', 'http://h');
    assert.equal(p.message, 'Override relevance on trace tr-1?');
    assert.equal(
      p.detail,
      'Now: 0.55 (LLM_JUDGE openai:/gpt-4o-mini)\nNew: 0.9 (HUMAN bob)\nA new feedback is written to http://h; the old one is kept, marked as overridden.',
    );
  });
});
