import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTraceStore } from '../../../../src/core/traces/file/fileTraceStore';
import { page } from './traceContract';

/** Write `files` (relative path → contents) under a fresh temporary mlruns folder. */
function mlruns(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'traces-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const INFO = (id: string): string =>
  `trace_id: ${id}\ntrace_location:\n  type: MLFLOW_EXPERIMENT\n  mlflow_experiment:\n    experiment_id: '7'\nrequest_time: '2026-12-01T21:50:15.381Z'\nexecution_duration_ms: 5\nstate: OK\n`;

describe('FileTraceStore over hand-written or damaged mlruns folders', () => {
  it('skips unreadable traces and assessments instead of failing the whole list', async () => {
    const root = mlruns({
      '7/traces/tr-good/trace_info.yaml': INFO('tr-good'),
      '7/traces/tr-good/tags/mlflow.traceName': 'agent',
      '7/traces/tr-good/assessments/a-bad.yaml': 'assessment_id: [unclosed',
      '7/traces/tr-good/assessments/a-half.yaml': 'assessment_id: a-half\n',
      '7/traces/tr-yaml/trace_info.yaml': 'trace_id: [unclosed',
      '7/traces/tr-alias/trace_info.yaml': 'a: &x [1]\nb: *x\n',
      '7/traces/tr-empty/.keep': '',
    });
    const found = page(await new FileTraceStore(root).searchTraces({ experimentId: '7' })).items;
    assert.deepEqual(
      found.map((t) => [t.traceId, t.name, t.assessments.length]),
      [['tr-good', 'agent', 0]],
    );
  });

  it('reads a 2.x trace_info.yaml (request_id, timestamp_ms) into the same entity', async () => {
    const root = mlruns({
      '7/traces/tr-old/trace_info.yaml':
        'request_id: tr-old\nexperiment_id: 7\ntimestamp_ms: 1796161815381\nexecution_time_ms: 5\nstatus: ERROR\n',
    });
    const info = await new FileTraceStore(root).getTraceInfo('tr-old');
    assert.deepEqual(
      [info.experimentId, info.requestTimeMs, info.executionDurationMs, info.state],
      ['7', 1796161815381, 5, 'ERROR'],
    );
  });

  it('answers a traces.json that is not JSON with an invalid-response error, and none with no spans', async () => {
    const root = mlruns({
      '7/traces/tr-bad/trace_info.yaml': INFO('tr-bad'),
      '7/traces/tr-bad/artifacts/traces.json': '{"spans": [{"span_id": ',
      '7/traces/tr-none/trace_info.yaml': INFO('tr-none'),
    });
    const store = new FileTraceStore(root);
    await assert.rejects(store.getTrace('tr-bad'), { name: 'StoreError', kind: 'invalid-response' });
    assert.deepEqual((await store.getTrace('tr-none')).spans, []);
  });

  it('says so when the spans are where only a server can read them (s3://), instead of showing none', async () => {
    const root = mlruns({
      '7/traces/tr-far/trace_info.yaml': INFO('tr-far'),
      '7/traces/tr-far/tags/mlflow.artifactLocation': 's3://bucket/tr-far/artifacts',
    });
    await assert.rejects(new FileTraceStore(root).getTrace('tr-far'), {
      kind: 'unsupported',
      message: /s3:\/\/bucket\/tr-far\/artifacts, which only a tracking server can read/,
    });
  });
});
