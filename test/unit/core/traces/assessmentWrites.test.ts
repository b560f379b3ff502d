import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreError } from '../../../../src/core/common/storeError';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { FileTraceStore } from '../../../../src/core/traces/file/fileTraceStore';
import { RestAssessmentWriter } from '../../../../src/core/traces/rest/restAssessmentWriter';
import { RestTraceStore } from '../../../../src/core/traces/rest/restTraceStore';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import {
  createAssessmentBody,
  updateAssessmentBody,
} from '../../../../src/core/traces/write/assessmentBodies';
import { assessmentWriterOf, type NewAssessment } from '../../../../src/core/traces/write/assessmentWriter';
import { pythonJsonDumps } from '../../../../src/core/traces/write/pythonJson';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

const ADDED = path.join(FIXTURES_3, 'rest-added');
/** What MLflow 3.11.1's own client sends (client-assessment-bodies.py), at this time. */
const CLIENT = JSON.parse(
  fs.readFileSync(path.join(ADDED, 'client-assessment-bodies.json'), 'utf8'),
) as Record<string, unknown>;
const T = 1796162400123;
const TRACE = 'tr-62271419f50102fb4152e17dcc52f6c6';
const ALICE = { sourceType: 'HUMAN', sourceId: 'alice@example.com' } as const;
const SPAN = 'a1b2c3d4e5f60718';

const base = (over: Partial<NewAssessment>): NewAssessment => ({
  traceId: TRACE,
  spanId: undefined,
  kind: 'feedback',
  name: 'x',
  value: 1,
  rationale: undefined,
  source: ALICE,
  ...over,
});

describe("assessment request bodies: MLflow 3.11.1's client shape", () => {
  it('a feedback with rationale (valid: true, no span)', () => {
    const body = createAssessmentBody(
      base({ name: 'user_satisfaction', value: true, rationale: 'Answered my question' }),
      T,
    );
    assert.deepEqual(body, CLIENT.feedback);
  });

  it('an override: same span, overrides names the old one', () => {
    const body = createAssessmentBody(
      base({ name: 'relevance', value: 0.2, rationale: 'Judge missed it', spanId: SPAN }),
      T,
      'a-030343bb16d844348d6179cd486ae9e7',
    );
    assert.deepEqual(body, CLIENT.override);
  });

  it('expectations: lists and dicts as serialized_value in json.dumps text, scalars as value, no valid', () => {
    assert.deepEqual(
      createAssessmentBody(
        base({
          kind: 'expectation',
          name: 'expected_facts',
          value: ['refunds within 14 days', 'Rückgabe ✓'],
        }),
        T,
      ),
      CLIENT.expectationList,
    );
    assert.deepEqual(
      createAssessmentBody(
        base({ kind: 'expectation', name: 'guidelines', value: { must: ['be polite'], n: 2 } }),
        T,
      ),
      CLIENT.expectationDict,
    );
    assert.deepEqual(
      createAssessmentBody(
        base({ kind: 'expectation', name: 'expected_response', value: 'Paris', spanId: SPAN }),
        T,
      ),
      CLIENT.expectationScalar,
    );
  });

  it('updates: the value under feedback/expectation and a comma-joined update_mask', () => {
    assert.deepEqual(
      updateAssessmentBody('tr-1', 'a-1', { kind: 'feedback', value: 0.3, rationale: 'r' }),
      CLIENT.updateFeedback,
    );
    assert.deepEqual(
      updateAssessmentBody('tr-1', 'a-1', { kind: 'expectation', value: ['x'] }),
      CLIENT.updateExpectation,
    );
  });

  it('refuses what MLflow would refuse, before sending: no value, no name, a bad span id, nothing to update', () => {
    assert.throws(() => createAssessmentBody(base({ value: null }), T), /needs a value/);
    assert.throws(() => createAssessmentBody(base({ kind: 'expectation', value: null }), T), /needs a value/);
    assert.throws(() => createAssessmentBody(base({ name: '  ' }), T), /needs a name/);
    assert.throws(() => createAssessmentBody(base({ spanId: 'aTaSi+OehmE=' }), T), /Invalid span id/);
    assert.throws(() => updateAssessmentBody('tr-1', 'a-1', { kind: 'feedback' }), /Nothing to update/);
  });

  it("writes JSON text as Python's json.dumps does", () => {
    assert.equal(
      pythonJsonDumps({ a: [1, 'é', null, true], b: 'x"y' }),
      '{"a": [1, "\\u00e9", null, true], "b": "x\\"y"}',
    );
    assert.equal(pythonJsonDumps('😀'), '"\\ud83d\\ude00"');
    assert.equal(pythonJsonDumps([]), '[]');
  });
});

/** A reply that answers with what the real server answered. */
const replyOf = (e: RecordedExchange): { status: number; contentType: string; body: string } => ({
  status: e.response.status,
  contentType: e.response.contentType,
  body: e.response.text,
});

/** The create time of a recorded request, so a fixed clock reproduces its body. */
const timeOf = (e: RecordedExchange): number =>
  Date.parse((e.request.body as { assessment: { create_time: string } }).assessment.create_time);

describe('RestAssessmentWriter sends the recorded requests and reads the real answers (rest-added/006–012)', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.received.length = 0;
  });
  const client = (): RestClient => new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 });
  const sent = (i: number): { method: string; path: string; body: unknown } => {
    const r = server.received[i];
    assert.ok(r, `request ${String(i)} was sent`);
    return { method: r.method, path: r.path, body: r.body === '' ? null : JSON.parse(r.body) };
  };
  const recorded = (e: RecordedExchange): { method: string; path: string; body: unknown } => ({
    method: e.request.method,
    path: e.request.path,
    body: e.request.body,
  });

  it('006: add feedback', async () => {
    const e = loadExchange('rest-added', '006', FIXTURES_3);
    server.script(replyOf(e));
    const w = new RestAssessmentWriter(
      client(),
      () => 'v3',
      () => timeOf(e),
    );
    const a = await w.createAssessment(base({ name: 'helpful', value: true, rationale: 'Solved it' }));
    assert.deepEqual(sent(0), recorded(e));
    assert.equal(a.assessmentId, 'a-a3e56b32fdc543cd91f665b3171f6377');
    assert.equal(a.valid, true);
  });

  it('007: add a list expectation to a span', async () => {
    const e = loadExchange('rest-added', '007', FIXTURES_3);
    server.script(replyOf(e));
    const w = new RestAssessmentWriter(
      client(),
      () => 'v3',
      () => timeOf(e),
    );
    const a = await w.createAssessment(
      base({
        kind: 'expectation',
        name: 'expected_topics',
        value: ['refunds', 'Rückgabe ✓'],
        spanId: 'fcee26f9a89a6ca7',
      }),
    );
    assert.deepEqual(sent(0), recorded(e));
    assert.deepEqual(a.value, ['refunds', 'Rückgabe ✓']);
    assert.equal(a.spanId, 'fcee26f9a89a6ca7');
  });

  it('008+009: override reads the old feedback, then creates one that overrides it', async () => {
    const get = loadExchange('rest-added', '008', FIXTURES_3);
    const post = loadExchange('rest-added', '009', FIXTURES_3);
    server.script(replyOf(get), replyOf(post));
    const w = new RestAssessmentWriter(
      client(),
      () => 'v3',
      () => timeOf(post),
    );
    const a = await w.overrideFeedback(TRACE, 'a-030343bb16d844348d6179cd486ae9e7', {
      value: 0.9,
      rationale: 'The judge missed the cited policy',
      source: ALICE,
    });
    assert.deepEqual(sent(0), recorded(get));
    assert.deepEqual(sent(1), recorded(post));
    assert.equal(a.overrides, 'a-030343bb16d844348d6179cd486ae9e7');
    assert.equal(a.name, 'relevance');
  });

  it('011: PATCH with the field mask', async () => {
    const e = loadExchange('rest-added', '011', FIXTURES_3);
    server.script(replyOf(e));
    const w = new RestAssessmentWriter(client(), () => 'v3');
    const a = await w.updateAssessment(TRACE, 'a-a3e56b32fdc543cd91f665b3171f6377', {
      kind: 'feedback',
      value: false,
      rationale: 'On second look, no',
    });
    assert.deepEqual(sent(0), recorded(e));
    assert.equal(a.value, false);
  });

  it('012: the server refusing an unknown trace is a StoreError with its code', async () => {
    const e = loadExchange('rest-added', '012', FIXTURES_3);
    server.script(replyOf(e));
    const w = new RestAssessmentWriter(
      client(),
      () => 'v3',
      () => timeOf(e),
    );
    await assert.rejects(
      w.createAssessment(base({ traceId: 'tr-00000000000000000000000000000000' })),
      (err: unknown) => StoreError.is(err, 'api') && err.errorCode === 'BAD_REQUEST' && err.status === 400,
    );
  });

  it('an override of an expectation is refused after the read, with nothing written', async () => {
    server.script(replyOf(loadExchange('rest', '082', SHARED_3)));
    const w = new RestAssessmentWriter(client(), () => 'v3');
    await assert.rejects(
      w.overrideFeedback(TRACE, 'a-9655220d337e454db5ce6c6706a0f024', {
        value: 1,
        rationale: undefined,
        source: ALICE,
      }),
      /not a feedback assessment/,
    );
    assert.deepEqual(
      server.received.map((r) => r.method),
      ['GET'],
    );
  });

  it('a 2.x trace server, and ids that would change the URL, are refused before any request', async () => {
    const v2 = new RestAssessmentWriter(client(), () => 'v2');
    await assert.rejects(v2.createAssessment(base({})), (err: unknown) => StoreError.is(err, 'unsupported'));
    const v3 = new RestAssessmentWriter(client(), () => 'v3');
    await assert.rejects(v3.createAssessment(base({ traceId: '../runs' })), /Invalid trace id/);
    await assert.rejects(v3.getAssessment(TRACE, 'a-1/../../x'), /Invalid assessment id/);
    assert.equal(server.received.length, 0);
  });
});

describe('assessment writes: which stores have them', () => {
  it('a REST store has a writer; sqlite and the file store refuse, read-only, saying why', async () => {
    const rest = new RestTraceStore(new RestClient({ baseUrl: 'http://127.0.0.1:9' }));
    assert.equal(assessmentWriterOf(rest), rest.assessments);
    const db = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db'));
    const sqlite = new SqliteTraceStore(db, { artifactsDestination: '/nowhere', ownsDatabase: true });
    assert.throws(
      () => assessmentWriterOf(sqlite),
      (err: unknown) => StoreError.is(err, 'read-only') && /mlflow\.db is opened read-only/.test(err.message),
    );
    sqlite.dispose();
    const file = new FileTraceStore(path.join(FIXTURES_3, 'mlruns'), { artifactsDestination: '/nowhere' });
    assert.throws(
      () => assessmentWriterOf(file),
      (err: unknown) => StoreError.is(err, 'read-only'),
    );
  });
});
