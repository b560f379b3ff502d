// The prompt registry read three ways must give the same prompts and versions: the REST store
// sends what MLflow 3.11.1's client sends (search_prompts, search_prompt_versions, get) and maps
// the recorded answers; the sqlite store over the same server's mlflow.db and the file store over
// the file-store server's mlruns (and the client-written mlruns-local) give the same entities.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Prompt } from '../../../../src/core/prompts/promptEntities';
import { getPromptVersion, listPrompts, listPromptVersions } from '../../../../src/core/prompts/promptReader';
import { FileRegistryStore } from '../../../../src/core/registry/fileRegistryStore';
import { RestRegistryStore } from '../../../../src/core/registry/restRegistryStore';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { assertSameRequest } from '../../../support/mlflow/assertRequest';
import { loadExchange, type RecordedExchange } from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

const replay = (ex: RecordedExchange) => ({
  status: ex.response.status,
  contentType: ex.response.contentType,
  body: ex.response.text,
});

/** Prompt names, versions and aliases as the data set's README describes them. */
const EXPECTED = {
  'qa-with-context': { versions: ['2', '1'], aliases: { champion: '2', legacy: '1' } },
  'summarize-ticket': { versions: ['2', '1'], aliases: { production: '2' } },
  'support-system-prompt': { versions: ['3', '2', '1'], aliases: { production: '2', staging: '3' } },
};

describe('prompts over REST: the requests MLflow 3.11.1 sends, and the recorded answers', () => {
  let server: ScriptedServer;
  let store: RestRegistryStore;
  before(async () => {
    server = await startScriptedServer();
    store = new RestRegistryStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
  });
  after(() => server.close());

  it("rest/128: lists prompts with search_prompts' filter and pages of 100", async () => {
    const ex = loadExchange('rest', '128', SHARED_3);
    server.script(replay(ex));
    const prompts = await listPrompts(store);
    assertSameRequest(server.received[0], ex.request);
    assert.deepEqual(
      prompts.map((p) => [p.name, Object.fromEntries(p.aliases.map((a) => [a.alias, a.version]))]),
      Object.entries(EXPECTED).map(([name, e]) => [name, e.aliases]),
    );
    const qa = prompts.find((p) => p.name === 'qa-with-context');
    assert.deepEqual(
      qa?.tags,
      [
        { key: 'lang', value: 'en' },
        { key: 'team', value: 'search' },
      ],
      "the prompt tag and _mlflow_experiment_ids are MLflow's, not the user's",
    );
    assert.deepEqual(qa.experimentIds, ['1']);
    assert.equal(qa.latestVersion, '2');
  });

  it("rest/136: lists versions with search_prompt_versions' filter, newest first, aliases from the prompt", async () => {
    const ex = loadExchange('rest', '136', SHARED_3);
    server.script(replay(ex));
    const versions = await listPromptVersions(store, {
      name: 'support-system-prompt',
      aliases: [
        { alias: 'production', version: '2' },
        { alias: 'staging', version: '3' },
      ],
    });
    assertSameRequest(server.received[0], ex.request);
    assert.deepEqual(
      versions.map((v) => [v.version, v.aliases, v.template.type, v.commitMessage]),
      [
        ['3', ['staging'], 'text', 'Multilingual + no promises'],
        ['2', ['production'], 'text', 'Be concise; cite sources'],
        ['1', [], 'text', 'Initial version'],
      ],
    );
    assert.deepEqual(versions[1]?.modelConfig, {
      model_name: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 400,
    });
    assert.equal(versions[0]?.modelConfig, undefined);
    assert.deepEqual(versions[1].tags, [{ key: 'author', value: 'bob' }]);
  });

  it('rest/139: a chat version: messages, response format, aliases from get', async () => {
    const ex = loadExchange('rest', '139', SHARED_3);
    server.script(replay(ex));
    const v = await getPromptVersion(store, 'summarize-ticket', '2');
    assertSameRequest(server.received[0], ex.request);
    assert.equal(v.template.type, 'chat');
    assert.deepEqual(
      v.template.messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.deepEqual(v.aliases, ['production']);
    assert.deepEqual((v.responseFormat as { properties: Record<string, unknown> }).properties.sentiment, {
      type: 'string',
      enum: ['positive', 'neutral', 'negative'],
    });
  });

  it('rest/144: a version that is not there is RESOURCE_DOES_NOT_EXIST', async () => {
    const ex = loadExchange('rest', '144', SHARED_3);
    server.script(replay(ex));
    await assert.rejects(getPromptVersion(store, 'support-system-prompt', '99'), /not found/);
    assertSameRequest(server.received[0], ex.request);
  });
});

describe('the same prompt entities from REST, mlflow.db and mlruns', () => {
  let server: ScriptedServer;
  let rest: RestRegistryStore;
  let db: SqliteDatabase;
  before(async () => {
    server = await startScriptedServer();
    rest = new RestRegistryStore(new RestClient({ baseUrl: server.baseUrl, maxRetries: 0 }));
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
  });
  after(async () => {
    db.close();
    await server.close();
  });

  it('mlflow.db gives the prompts and versions the server answered (rest/128, 136 and 137)', async () => {
    server.script(replay(loadExchange('rest', '128', SHARED_3)));
    const remote = await listPrompts(rest);
    const sqlite = new SqliteRegistryStore(db);
    const local = await listPrompts(sqlite);
    assert.deepEqual(local, remote);

    // Every version, compared field by field: the recorded search of all prompt versions, split by name.
    const all = loadExchange('rest', '137', SHARED_3);
    for (const prompt of remote) {
      const names = (all.response.json as { model_versions: Array<{ name: string }> }).model_versions;
      const mine = names.filter((v) => v.name === prompt.name);
      server.script({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ model_versions: mine }),
      });
      const fromRest = await listPromptVersions(rest, prompt);
      const fromDb = await listPromptVersions(sqlite, prompt);
      assert.deepEqual(fromDb, fromRest, prompt.name);
      assert.deepEqual(
        fromDb.map((v) => v.version),
        EXPECTED[prompt.name as keyof typeof EXPECTED].versions,
      );
    }
  });

  it("mlruns (the file-store server's store) gives what that server answered (rest-filestore/017, 018)", async () => {
    const files = new FileRegistryStore(path.join(SHARED_3, 'mlruns'));
    server.script(replay(loadExchange('rest-filestore', '017', SHARED_3)));
    const remote = await listPrompts(rest);
    assert.deepEqual(await listPrompts(files), remote);
    server.script(replay(loadExchange('rest-filestore', '018', SHARED_3)));
    const v1 = await getPromptVersion(rest, 'support-system-prompt', '1');
    assert.deepEqual(await getPromptVersion(files, 'support-system-prompt', '1'), v1);
    assert.deepEqual(v1.template, { type: 'text', text: 'You are {{ agent_name }}.' });
  });

  it('mlruns-local (written by the client with no server) holds the same prompt, apart from ids and times', async () => {
    const files = new FileRegistryStore(path.join(SHARED_3, 'mlruns-local'));
    const [local] = await listPrompts(files);
    server.script(replay(loadExchange('rest-filestore', '017', SHARED_3)));
    const [served] = await listPrompts(rest);
    assert.ok(local && served);
    const shape = (p: Prompt) => ({ ...p, creationTimestamp: 0, lastUpdatedTimestamp: 0, experimentIds: [] });
    assert.deepEqual(shape(local), shape(served));
    assert.deepEqual(local.experimentIds, ['353228378486884700']);
    const versions = await listPromptVersions(files, local);
    assert.deepEqual(
      versions.map((v) => [v.version, v.template, v.commitMessage]),
      [['1', { type: 'text', text: 'You are {{ agent_name }}.' }, 'v1']],
    );
  });
});
