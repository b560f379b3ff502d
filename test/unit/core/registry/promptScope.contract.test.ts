// Prompts are registered models tagged mlflow.prompt.is_prompt, and MLflow's stores list them only
// when a search asks for prompts. The local registry stores must answer each recorded 3.11.1
// registry search (rest/127-137, 146: a server over the same mlflow.db) with the same models and
// versions; the file store follows MLflow's file store over the client-written mlruns-local.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileRegistryStore } from '../../../../src/core/registry/fileRegistryStore';
import { fileStorePromptScope, sqlStorePromptScope } from '../../../../src/core/registry/promptScope';
import { SqliteRegistryStore } from '../../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

interface Recorded {
  readonly request: {
    readonly path: string;
    readonly query: ReadonlyArray<readonly [string, string | number]>;
  };
  readonly response: {
    readonly body: {
      readonly registered_models?: ReadonlyArray<{ readonly name: string }>;
      readonly model_versions?: ReadonlyArray<{ readonly name: string; readonly version: string }>;
      readonly next_page_token?: string;
    };
  };
}

const RECORDED = ['127', '128', '129', '130', '131', '132', '135', '136', '137', '146'];

function recorded(prefix: string): { file: string; ex: Recorded } {
  const dir = path.join(SHARED_3, 'rest');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(`${prefix}-`));
  assert.ok(file !== undefined, `rest/${prefix}-*.json`);
  return { file, ex: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Recorded };
}

function query(ex: Recorded): {
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
} {
  const q = new Map(ex.request.query.map(([k, v]) => [k, String(v)]));
  return {
    ...(q.has('filter') ? { filter: q.get('filter') } : {}),
    ...(q.has('max_results') ? { maxResults: Number(q.get('max_results')) } : {}),
    ...(q.has('order_by') ? { orderBy: [q.get('order_by') ?? ''] } : {}),
    ...(q.has('page_token') ? { pageToken: q.get('page_token') } : {}),
  };
}

describe('registry searches hide prompts as MLflow 3.11.1 does', () => {
  let db: SqliteDatabase;
  let store: SqliteRegistryStore;
  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite', 'mlflow.db'));
    store = new SqliteRegistryStore(db);
  });
  after(() => {
    db.close();
  });

  for (const prefix of RECORDED) {
    const { file, ex } = recorded(prefix);
    it(`mlflow.db answers ${file} as the server did`, async () => {
      const body = ex.response.body;
      if (ex.request.path.endsWith('/registered-models/search')) {
        const page = await store.searchRegisteredModels(query(ex));
        assert.deepEqual(
          page.items.map((m) => m.name),
          (body.registered_models ?? []).map((m) => m.name),
        );
        assert.equal(page.nextPageToken !== undefined, body.next_page_token !== undefined, 'a next page');
      } else {
        const page = await store.searchModelVersions(query(ex));
        assert.deepEqual(
          page.items.map((v) => `${v.name}/${v.version}`),
          (body.model_versions ?? []).map((v) => `${v.name}/${v.version}`),
        );
      }
    });
  }

  it('mlruns-local: the file store lists its prompt only when the filter names the prompt tag', async () => {
    const files = new FileRegistryStore(path.join(SHARED_3, 'mlruns-local'));
    const names = async (filter?: string): Promise<string[]> =>
      (await files.searchRegisteredModels(filter === undefined ? {} : { filter })).items.map((m) => m.name);
    assert.deepEqual(await names(), []);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` = 'true'"), ['support-system-prompt']);
    assert.deepEqual(
      (await files.searchModelVersions({ filter: "name = 'support-system-prompt'" })).items,
      [],
    );
  });

  it('decides the scope from the first prompt-tag clause (SQL store) or the tag name anywhere (file store)', () => {
    const prompt = [{ key: 'mlflow.prompt.is_prompt', value: 'true' }];
    assert.equal(sqlStorePromptScope(undefined).keep(prompt), false);
    assert.equal(sqlStorePromptScope("tags.`mlflow.prompt.is_prompt` != 'false'").keep(prompt), true);
    assert.equal(sqlStorePromptScope("tags.`mlflow.prompt.is_prompt` = 'TRUE'").keep(prompt), true);
    assert.equal(sqlStorePromptScope("tags.`mlflow.prompt.is_prompt` = 'false'").keep(prompt), false);
    assert.equal(sqlStorePromptScope("name = 'a'").keep([]), true);
    assert.equal(fileStorePromptScope("tags.`mlflow.prompt.is_prompt` = 'false'").keep(prompt), true);
    assert.equal(fileStorePromptScope("name = 'mlflow'").keep(prompt), false);
  });
});
