import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { RestRegistryStore } from '../../../../src/core/registry/restRegistryStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { sqliteWorkspaces } from '../../../../src/core/tracking/sqlite/sqliteWorkspaces';
import { assertSameRequest } from '../../../support/mlflow/assertRequest';
import { normaliseOrder } from '../../../support/mlflow/normaliseEntities';
import { FIXTURES_3, loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

const ws = (file: string): RecordedExchange => loadExchange('rest-workspaces', file, FIXTURES_3);

/** A recorded answer of the --enable-workspaces server and the same question to its mlflow.db. */
interface Case {
  readonly file: string;
  readonly workspace: string | undefined;
  readonly what: 'experiments' | 'prompts' | 'models';
}

const CASES: Case[] = [
  { file: '007', workspace: 'team-a', what: 'experiments' },
  { file: '008', workspace: 'team-b', what: 'experiments' },
  { file: '009', workspace: 'default', what: 'experiments' },
  { file: '010', workspace: undefined, what: 'experiments' },
  { file: '016', workspace: 'team-a', what: 'models' },
  { file: '017', workspace: 'team-a', what: 'prompts' },
  { file: '018', workspace: 'default', what: 'prompts' },
  { file: '019', workspace: 'team-b', what: 'models' },
];

const PROMPTS = "tags.`mlflow.prompt.is_prompt` = 'true'";

describe('workspaces: mlflow.db and the --enable-workspaces server give the same entities (3.11.1)', () => {
  let server: ScriptedServer;
  let db: SqliteDatabase;
  before(async () => {
    server = await startScriptedServer();
    db = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite-workspaces', 'mlflow.db'));
  });
  after(async () => {
    db.close();
    await server.close();
  });

  it('the recorded db keeps a workspace per experiment and lists the workspaces the server lists', () => {
    const listed = ws('003').response.json as { workspaces: Array<{ name: string; description: string }> };
    assert.deepEqual(sqliteWorkspaces(db), listed.workspaces);
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.what} in workspace ${c.workspace ?? '(none: the default)'}`, async () => {
      const ex = ws(c.file);
      server.received.length = 0;
      server.script({ status: 200, contentType: 'application/json', body: ex.response.text });
      const client = new RestClient({ baseUrl: server.baseUrl, workspace: c.workspace });
      const local = { tracking: new SqliteTrackingStore(db, { workspace: c.workspace }) };
      const localRegistry = new SqliteRegistryStore(db, c.workspace);
      let fromRest: unknown;
      let fromDb: unknown;
      if (c.what === 'experiments') {
        fromRest = await new RestTrackingStore(client).searchExperiments({ maxResults: 100 });
        fromDb = await local.tracking.searchExperiments({ maxResults: 100 });
      } else {
        const filter = c.what === 'prompts' ? PROMPTS : undefined;
        fromRest = await new RestRegistryStore(client).searchRegisteredModels({ maxResults: 100, filter });
        fromDb = await localRegistry.searchRegisteredModels({ maxResults: 100, filter });
      }
      const sent = server.received[0];
      assert.ok(sent !== undefined);
      if (c.what === 'experiments') {
        // The store searches experiments by POST; the recording asked by GET: compare the header only.
        assert.equal(sent.path, ex.request.path);
      } else {
        assertSameRequest(sent, ex.request);
      }
      assert.equal(sent.headers['x-mlflow-workspace'], c.workspace);
      assert.deepEqual(normaliseOrder(fromDb), normaliseOrder(fromRest));
    });
  }

  it('the db of a 3.11.1 server without workspaces: every experiment is in "default"', async () => {
    const plain = await SqliteDatabase.open(path.join(FIXTURES_3, 'sqlite', 'mlflow.db'));
    try {
      const all = await new SqliteTrackingStore(plain).searchExperiments({ maxResults: 100 });
      const team = await new SqliteTrackingStore(plain, { workspace: 'team-a' }).searchExperiments({
        maxResults: 100,
      });
      assert.equal(all.items.length, 4);
      assert.equal(team.items.length, 0, 'every experiment of that store is in "default"');
    } finally {
      plain.close();
    }
  });
});
