import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main, parseArgs } from '../../../../scripts/inspect';
import { formatTraceOverview } from '../../../../scripts/inspectTraces';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, {}, (t) => (out += t));
  return { code, out };
}

describe('npm run inspect -- --traces', () => {
  it('lists every trace of each experiment of the recorded mlflow.db with state, name and span count', async () => {
    const { code, out } = await run([
      '--tracking-uri',
      `sqlite:///${path.join(SHARED_3, 'sqlite/mlflow.db')}`,
      '--traces',
    ]);
    assert.equal(code, 0, out);
    assert.match(out, /^Traces \(43\)$/m);
    assert.match(out, /^ {2}support-agent \[1\] \(43 traces\)$/m);
    assert.match(out, /^ {2}empty-genai-app \[3\] \(no traces\)$/m);
    assert.match(
      out,
      /^ {4}tr-c2e32c06106cfeedb6970f34b44aede0 {2}OK {2}reindex_knowledge_base {2}211 spans$/m,
    );
    assert.match(out, /^ {4}tr-f73be9a00575257de08694e2c271d08a {2}ERROR {2}\S+ {2}\d+ spans$/m);
    assert.equal(out.match(/^ {4}tr-/gm)?.length, 43);
  });

  it('--json, narrowed to one experiment of a client-written mlruns', async () => {
    const { code, out } = await run([
      '--tracking-uri',
      path.join(SHARED_3, 'mlruns-local'),
      '--traces',
      '--experiment',
      'support-agent',
      '--json',
    ]);
    assert.equal(code, 0, out);
    const doc = JSON.parse(out) as {
      experiments: Array<{
        name: string;
        traces: Array<{ traceId: string; state: string; spanCount: number }>;
      }>;
    };
    assert.deepEqual(
      doc.experiments.map((e) => e.name),
      ['support-agent'],
    );
    const traces = doc.experiments[0]?.traces ?? [];
    assert.equal(traces.length, 13);
    assert.ok(traces.every((t) => t.spanCount > 0));
  });

  it('parses --traces only when given, leaving the other arguments as they were', () => {
    assert.deepEqual(parseArgs(['--traces'], { MLFLOW_TRACKING_URI: 'file:./mlruns' }), {
      trackingUri: 'file:./mlruns',
      experiment: undefined,
      json: false,
      traces: true,
    });
    assert.equal('traces' in (parseArgs([], { MLFLOW_TRACKING_URI: 'x' }) as object), false);
  });

  it('neutralises control characters and long values, and says when a server has no traces', () => {
    const text = formatTraceOverview({
      experiments: [
        {
          experimentId: '1',
          name: 'exp\u001b]0;owned\u0007',
          traces: [
            {
              traceId: 'tr-1',
              state: 'OK',
              name: `evil\u202e${'x'.repeat(500)}`,
              requestTimeMs: 0,
              spanCount: 1,
            },
          ],
        },
      ],
    });
    assert.ok(![0x1b, 0x07, 0x202e].some((c) => text.includes(String.fromCharCode(c))));
    assert.match(text, /exp\\x1b\]0;owned\\x07/);
    assert.match(text, /evil\\u202ex+… \[\d+ more characters\] {2}1 span$/m);
    assert.equal(
      formatTraceOverview({ experiments: [], noTraces: 'no trace API\u001b[2J' }),
      'Traces: none (no trace API\\x1b[2J)\n',
    );
  });
});
