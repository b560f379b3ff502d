import * as assert from 'node:assert/strict';
import { parseProjectRunLine, ProjectRunOutputScanner } from '../../../../src/core/cli/projectRunOutput';

// The lines as MLflow's logger prints them (LOGGING_LINE_FORMAT "%(asctime)s %(levelname)s
// %(name)s: %(message)s"), with the messages of mlflow/projects/backend/local.py,
// mlflow/projects/__init__.py and mlflow/cli.py.
const RUN_ID = '6a5109febe5e4a549461e149590d0a7c';
const STARTED = `2024/11/20 12:36:37 INFO mlflow.projects.backend.local: === Running command 'python train.py 0.5 0.1' in run with ID '${RUN_ID}' === `;
const SUCCEEDED = `2024/11/20 12:36:40 INFO mlflow.projects: === Run (ID '${RUN_ID}') succeeded ===`;
const FAILED = `2024/11/20 12:36:40 ERROR mlflow.cli: === Run (ID '${RUN_ID}') failed ===`;
const INTERRUPTED = `2024/11/20 12:36:40 ERROR mlflow.projects: === Run (ID '${RUN_ID}') interrupted, cancelling run ===`;

describe('parseProjectRunLine', () => {
  it('reads the run id and the command from the start line', () => {
    assert.deepEqual(parseProjectRunLine(STARTED), {
      kind: 'started',
      runId: RUN_ID,
      command: 'python train.py 0.5 0.1',
    });
  });
  it('reads how the run ended', () => {
    assert.deepEqual(parseProjectRunLine(SUCCEEDED), { kind: 'succeeded', runId: RUN_ID });
    assert.deepEqual(parseProjectRunLine(FAILED), { kind: 'failed', runId: RUN_ID });
    assert.deepEqual(parseProjectRunLine(INTERRUPTED), { kind: 'interrupted', runId: RUN_ID });
  });
  it('ignores every other line, including near misses', () => {
    for (const line of [
      'Elasticnet model (alpha=0.500000, l1_ratio=0.100000):',
      "=== Run (ID '') succeeded ===",
      "=== Run (ID 'a b') succeeded ===",
      '',
    ]) {
      assert.equal(parseProjectRunLine(line), undefined, line);
    }
  });
});

describe('ProjectRunOutputScanner', () => {
  it('finds events in lines split across chunks and ended by \\r\\n, \\r or nothing', () => {
    const scanner = new ProjectRunOutputScanner();
    const all = `progress 10%\rprogress 100%\r\n${STARTED}\nRMSE: 0.79\n${SUCCEEDED}`;
    const events = [];
    for (let i = 0; i < all.length; i += 7) {
      events.push(...scanner.push(all.slice(i, i + 7)));
    }
    assert.deepEqual(
      events.map((e) => e.kind),
      ['started'],
    );
    assert.deepEqual(scanner.end(), [{ kind: 'succeeded', runId: RUN_ID }]);
    assert.deepEqual(scanner.end(), []);
  });
});
