import * as assert from 'node:assert/strict';
import {
  isEvaluationHostMessage,
  isEvaluationRunIds,
  isEvaluationWebviewMessage,
} from '../../../src/protocol/evaluation';
import { isRunDetailHostMessage, isRunDetailWebviewMessage } from '../../../src/protocol/runDetail';

const RUN = 'e356c244f214446dba9d6f16aad460c4';
const OTHER = '346cd906d1d04c54850ba8809d82f6b5';

describe('evaluation panel protocol guards', () => {
  it('accepts what the webview sends, with exact keys and a plausible trace id', () => {
    assert.ok(isEvaluationWebviewMessage({ type: 'ready' }));
    assert.ok(isEvaluationWebviewMessage({ type: 'evaluation/refresh' }));
    assert.ok(
      isEvaluationWebviewMessage({
        type: 'evaluation/openTrace',
        traceId: 'tr-0c030a296680e520f030e16a6cfe5742',
      }),
    );
  });

  it('refuses extra keys, odd trace ids and unknown types', () => {
    assert.ok(!isEvaluationWebviewMessage({ type: 'evaluation/openTrace', traceId: "tr-1' OR 1=1" }));
    assert.ok(!isEvaluationWebviewMessage({ type: 'evaluation/openTrace', traceId: 'tr-1', extra: 1 }));
    assert.ok(!isEvaluationWebviewMessage({ type: 'evaluation/openTrace' }));
    assert.ok(!isEvaluationWebviewMessage({ type: 'evaluation/results' }));
    assert.ok(!isEvaluationWebviewMessage({ type: '__proto__' }));
  });

  it('checks the host messages the webview reads', () => {
    const run = { runId: RUN, name: 'r' };
    const results = {
      type: 'evaluation/results',
      run,
      scorers: [],
      table: { runId: RUN, scorers: [], rows: [] },
    };
    assert.ok(isEvaluationHostMessage(results));
    assert.ok(!isEvaluationHostMessage({ ...results, table: { scorers: [] } }));
    assert.ok(!isEvaluationHostMessage({ ...results, run: { runId: RUN } }));
    const comparison = {
      type: 'evaluation/comparison',
      first: run,
      second: { runId: OTHER, name: 'o' },
      comparison: { scorers: [], rows: [], counts: {} },
    };
    assert.ok(isEvaluationHostMessage(comparison));
    assert.ok(
      !isEvaluationHostMessage({ ...comparison, comparison: { scorers: [], rows: 'x', counts: {} } }),
    );
    assert.ok(isEvaluationHostMessage({ type: 'evaluation/error', message: 'm' }));
  });

  it('restores one run or two different ones, nothing else', () => {
    assert.ok(isEvaluationRunIds([RUN]));
    assert.ok(isEvaluationRunIds([RUN, OTHER]));
    assert.ok(!isEvaluationRunIds([RUN, RUN]));
    assert.ok(!isEvaluationRunIds([]));
    assert.ok(!isEvaluationRunIds([RUN, OTHER, 'abc']));
    assert.ok(!isEvaluationRunIds(['../x y']));
    assert.ok(!isEvaluationRunIds(RUN));
  });

  it('run detail: the evaluation section message and the button that opens the panel', () => {
    assert.ok(
      isRunDetailHostMessage({ type: 'runDetail/evaluation', scorers: [], traces: 0, problem: undefined }),
    );
    assert.ok(isRunDetailHostMessage({ type: 'runDetail/evaluation', scorers: [], traces: 6, problem: 'p' }));
    assert.ok(!isRunDetailHostMessage({ type: 'runDetail/evaluation', scorers: [], traces: '6' }));
    assert.ok(isRunDetailWebviewMessage({ type: 'runDetail/showEvaluation' }));
    assert.ok(!isRunDetailWebviewMessage({ type: 'runDetail/showEvaluation', runId: RUN }));
  });
});
