// Records the extension's own assessment writes against a real MLflow 3.11.1 server, in the format
// of test/fixtures/mlflow-3.11.1/rest/ (request/response pairs). Start the server on a copy of
// test/fixtures/mlflow-3.11.1/sqlite/mlflow.db (real-mlflow/start-server.sh 3.11.1 PORT DIR), then
//   npx tsx test/real/captureAssessmentWrites.ts http://127.0.0.1:PORT test/fixtures/mlflow-3.11.1/rest-added
// A recording proxy sits between RestTraceStore and the server, so what is recorded is what our
// code sent and what MLflow answered. Writes go to the copy only.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { RestClient } from '../../src/core/tracking/rest/restClient';
import { RestTraceStore } from '../../src/core/traces/rest/restTraceStore';

const [base, out] = process.argv.slice(2);
if (base === undefined || out === undefined) {
  throw new Error('usage: captureAssessmentWrites.ts BASE_URL OUT_DIR');
}
const upstream = new URL(base);

/** The recorded 3.11.1 data: the agent trace with the judge's `relevance` and its span ids. */
const TRACE = 'tr-62271419f50102fb4152e17dcc52f6c6';
const JUDGE_RELEVANCE = 'a-030343bb16d844348d6179cd486ae9e7';
const HUMAN = { sourceType: 'HUMAN', sourceId: 'alice@example.com' } as const;

interface Pair {
  name: string;
  description: string;
}
/** Names of the assessment requests to come, in order (other requests pass unrecorded). */
const names: Pair[] = [];
let index = 6;
const expect = (name: string, description: string): void => {
  names.push({ name, description });
};

const proxy = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const got: Buffer[] = [];
        answer.on('data', (c: Buffer) => got.push(c));
        answer.on('end', () => {
          const raw = Buffer.concat(got);
          const next = (req.url ?? '').includes('/assessments') ? names.shift() : undefined;
          if (next === undefined) {
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(raw);
            return;
          }
          const type = answer.headers['content-type'] ?? '';
          const url = new URL(req.url ?? '/', base);
          const pair = {
            name: `${String(index).padStart(3, '0')}-${next.name}`,
            description: next.description,
            mlflow_version: '3.11.1',
            request: {
              method: req.method,
              path: url.pathname,
              query: [...url.searchParams.entries()],
              body: body === '' ? null : (JSON.parse(body) as unknown),
              url: url.toString(),
            },
            response: {
              status: answer.statusCode,
              content_type: type,
              body_kind: type.includes('json') ? 'json' : 'text',
              body: type.includes('json')
                ? (JSON.parse(raw.toString('utf8')) as unknown)
                : raw.toString('utf8'),
            },
          };
          fs.writeFileSync(path.join(out, `${pair.name}.json`), `${JSON.stringify(pair, null, 2)}\n`);
          console.log(answer.statusCode, pair.name);
          index++;
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(raw);
        });
      },
    );
    forward.end(body);
  });
});

async function main(): Promise<void> {
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  const store = new RestTraceStore(
    new RestClient({ baseUrl: `http://127.0.0.1:${String(port)}`, maxRetries: 0 }),
  );
  const w = store.assessments;
  const spans = (await store.getTrace(TRACE)).spans;
  const chat = spans.find((s) => s.name === 'ChatCompletion');
  expect('assessment-create-feedback', 'Add feedback: a HUMAN bool with rationale on the trace');
  const created = await w.createAssessment({
    traceId: TRACE,
    spanId: undefined,
    kind: 'feedback',
    name: 'helpful',
    value: true,
    rationale: 'Solved it',
    source: HUMAN,
  });
  expect('assessment-create-expectation-list', 'Add expectation: a list (serialized_value) on a span');
  await w.createAssessment({
    traceId: TRACE,
    spanId: chat?.spanId,
    kind: 'expectation',
    name: 'expected_topics',
    value: ['refunds', 'Rückgabe ✓'],
    rationale: undefined,
    source: HUMAN,
  });
  expect('assessment-override-get', 'Override step 1: read the judge feedback (as override_feedback does)');
  expect(
    'assessment-override-create',
    'Override step 2: a new HUMAN feedback whose overrides names the judge one',
  );
  await w.overrideFeedback(TRACE, JUDGE_RELEVANCE, {
    value: 0.9,
    rationale: 'The judge missed the cited policy',
    source: HUMAN,
  });
  expect('assessment-get-overridden-judge', 'The judge feedback after the override: valid false');
  await w.getAssessment(TRACE, JUDGE_RELEVANCE);
  expect('assessment-update-feedback', 'PATCH: change the created feedback value and rationale');
  await w.updateAssessment(TRACE, created.assessmentId, {
    kind: 'feedback',
    value: false,
    rationale: 'On second look, no',
  });
  expect('error-assessment-create-unknown-trace', 'Add feedback to a trace that does not exist');
  await w
    .createAssessment({
      traceId: 'tr-00000000000000000000000000000000',
      spanId: undefined,
      kind: 'feedback',
      name: 'x',
      value: 1,
      rationale: undefined,
      source: HUMAN,
    })
    .catch((err: unknown) => {
      console.log('refused as expected:', err instanceof Error ? err.message : String(err));
    });
  proxy.close();
}

void main();
