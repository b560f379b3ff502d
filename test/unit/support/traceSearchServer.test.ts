import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { listEvaluationTraces } from '../../../src/core/evaluation/evaluationTraces';
import { RestClient } from '../../../src/core/tracking/rest/restClient';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { RestTraceStore } from '../../../src/core/traces/rest/restTraceStore';
import { SqliteTraceStore } from '../../../src/core/traces/sqlite/sqliteTraceStore';
import { loadTraceExchanges, SHARED_3 } from '../../support/mlflow/traceFixtures';
import { startTraceSearchServer, traceInfoJson } from '../../support/mlflow/traceSearchServer';

/**
 * The trace-search test double answers what the real 3.11.1 server answered: its JSON for a recorded
 * search equals the recording's, and the REST store reads through it what the sqlite store reads.
 */
describe('traceSearchServer (test double) against the recorded 3.11.1 server', () => {
  let db: SqliteDatabase;
  let sqlite: SqliteTraceStore;

  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
    sqlite = new SqliteTraceStore(db);
  });
  after(() => {
    db.close();
  });

  it('writes a trace info as the server did (rest/037, the traces of a run)', async () => {
    const e = loadTraceExchanges('rest').find((x) => x.file.startsWith('037-'));
    assert.ok(e);
    const recorded = JSON.parse(e.text) as { traces: Array<{ trace_id: string }> };
    const first = recorded.traces[0];
    assert.ok(first);
    const info = await sqlite.getTraceInfo(first.trace_id);
    const ours = JSON.parse(JSON.stringify(traceInfoJson(info))) as Record<string, unknown>;
    const theirs = first as unknown as Record<string, unknown>;
    for (const key of [
      'trace_id',
      'trace_location',
      'request_time',
      'state',
      'request_preview',
      'trace_metadata',
      'tags',
    ]) {
      assert.deepEqual(ours[key], theirs[key], key);
    }
  });

  it("a REST store reads an evaluation run's traces through it as the sqlite store reads them", async () => {
    const upstream = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const front = await startTraceSearchServer(
      `http://127.0.0.1:${String((upstream.address() as AddressInfo).port)}`,
      sqlite,
    );
    try {
      const rest = new RestTraceStore(new RestClient({ baseUrl: front.baseUrl, maxRetries: 0 }));
      const run = 'e356c244f214446dba9d6f16aad460c4';
      assert.deepEqual(
        await listEvaluationTraces(rest, '1', run),
        await listEvaluationTraces(sqlite, '1', run),
      );
      assert.equal(front.searches.length, 1);
    } finally {
      await front.close();
      upstream.close();
    }
  });
});
