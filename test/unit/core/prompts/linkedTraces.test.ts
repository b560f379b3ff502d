import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { tracesUsingPromptVersion } from '../../../../src/core/prompts/linkedTraces';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

describe('the traces that used a prompt version (mlflow.linkedPrompts)', () => {
  let db: SqliteDatabase;
  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
  });
  after(() => {
    db.close();
  });

  it('finds the one recorded trace that loaded summarize-ticket@production (version 2), over pages', async () => {
    const store = new SqliteTraceStore(db);
    const found = await tracesUsingPromptVersion(store, ['1'], { name: 'summarize-ticket', version: '2' });
    // The store's own record of the link (entity_associations) names the same trace.
    const linked = db
      .all(
        "SELECT source_id FROM entity_associations WHERE source_type = 'trace' AND destination_type = 'prompt_version' AND destination_id = 'summarize-ticket/2'",
      )
      .map((r) => String(r.source_id));
    assert.deepEqual(
      found.traces.map((t) => t.traceId),
      linked,
    );
    assert.equal(linked.length, 1);
    assert.equal(found.truncated, false);
    assert.deepEqual(
      (await tracesUsingPromptVersion(store, ['1'], { name: 'summarize-ticket', version: '1' })).traces,
      [],
    );
  });

  it('stops after maxScanned traces and says so', async () => {
    const found = await tracesUsingPromptVersion(
      new SqliteTraceStore(db),
      ['1'],
      { name: 'summarize-ticket', version: '2' },
      { maxScanned: 5 },
    );
    assert.equal(found.truncated, true);
  });
});
