import * as assert from 'node:assert/strict';
import { StoreError } from '../../../../src/core/common/storeError';
import { describeStoreError } from '../../../../src/core/explorer/describeStoreError';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import {
  detectServerInfo,
  listWorkspaces,
  workspaceHeaders,
  WORKSPACE_HEADER,
} from '../../../../src/core/tracking/rest/workspaces';
import {
  FIXTURES,
  FIXTURES_3,
  loadExchange,
  type RecordedExchange,
} from '../../../support/mlflow/recordedExchange';
import { startScriptedServer, type ScriptedServer } from '../../../support/mlflow/scriptedServer';

const ws = (file: string): RecordedExchange => loadExchange('rest-workspaces', file, FIXTURES_3);
const reply = (ex: RecordedExchange) => ({
  status: ex.response.status,
  contentType: ex.response.contentType,
  body: ex.response.text,
});

describe('MLflow workspaces (REST, recorded 3.11.1 answers)', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.received.length = 0;
  });
  const client = (workspace?: string): RestClient =>
    new RestClient({ baseUrl: server.baseUrl, backoffMs: 1, maxRetries: 0, workspace });

  describe('detection with GET /api/3.0/mlflow/server-info', () => {
    const cases: Array<[string, RecordedExchange, boolean, string | undefined]> = [
      ['a server with --enable-workspaces', ws('001'), true, 'SqlStore'],
      ['a sqlite server without workspaces', loadExchange('rest', '003', FIXTURES_3), false, 'SqlStore'],
      ['a file-store server', loadExchange('rest-filestore', '001', FIXTURES_3), false, 'FileStore'],
      // What a server without the route answers (Flask's HTML 404, recorded for /api/2.0/…/server-info).
      ['a server older than the route (HTML 404)', loadExchange('rest', '005', FIXTURES_3), false, undefined],
    ];
    for (const [what, ex, enabled, storeType] of cases) {
      it(`${what}: workspaces ${enabled ? 'on' : 'off'}`, async () => {
        server.script(reply(ex));
        const info = await detectServerInfo(client());
        assert.deepEqual(info, { workspacesEnabled: enabled, storeType });
        assert.equal(server.received[0]?.path, '/api/3.0/mlflow/server-info');
        assert.equal(server.received[0].headers[WORKSPACE_HEADER.toLowerCase()], undefined);
      });
    }

    it('an MLflow 2.17.2 server (its recorded unknown-route answer) has no workspaces, not an error', async () => {
      server.script(reply(loadExchange('rest', '102', FIXTURES)));
      assert.deepEqual(await detectServerInfo(client()), { workspacesEnabled: false, storeType: undefined });
    });

    it('an unreachable or refusing server is still an error (it says nothing about workspaces)', async () => {
      server.script({
        status: 401,
        contentType: 'application/json',
        body: '{"error_code":"UNAUTHENTICATED","message":"no"}',
      });
      await assert.rejects(detectServerInfo(client()), (e: unknown) => StoreError.is(e) && e.status === 401);
    });
  });

  it('lists the workspaces the server answers (GET /api/3.0/mlflow/workspaces)', async () => {
    server.script(reply(ws('003')));
    const list = await listWorkspaces(client());
    assert.deepEqual(
      list.map((w) => w.name),
      ['default', 'team-a', 'team-b'],
    );
    assert.equal(list[1]?.description, 'Support-AI team');
  });

  it('sends X-MLFLOW-WORKSPACE on every request of a scoped client, and none without one', async () => {
    server.script(reply(ws('007')), reply(ws('012')));
    const scoped = new RestTrackingStore(client('team-a'));
    const page = await scoped.searchExperiments({ maxResults: 100 });
    assert.deepEqual(
      page.items.map((e) => e.name),
      ['team-a-agent'],
    );
    await scoped.getExperiment('1');
    await scoped.readArtifact({ runId: 'r', path: 'x' }).catch(() => undefined);
    assert.ok(server.received.length >= 3);
    for (const r of server.received) {
      assert.equal(r.headers['x-mlflow-workspace'], 'team-a', `${r.method} ${r.path}`);
    }
    server.received.length = 0;
    await new RestTrackingStore(client()).searchExperiments({ maxResults: 100 });
    assert.equal(server.received[0]?.headers['x-mlflow-workspace'], undefined);
  });

  it('puts the header only where server-info said workspaces are on', () => {
    assert.deepEqual(workspaceHeaders('team-a', { workspacesEnabled: true, storeType: 'SqlStore' }), {
      'X-MLFLOW-WORKSPACE': 'team-a',
    });
    assert.deepEqual(workspaceHeaders('team-a', { workspacesEnabled: false, storeType: 'SqlStore' }), {});
    assert.deepEqual(workspaceHeaders('team-a', undefined), {});
    assert.deepEqual(workspaceHeaders(undefined, { workspacesEnabled: true, storeType: undefined }), {});
    assert.deepEqual(
      workspaceHeaders('a\r\nX-Evil: 1', { workspacesEnabled: true, storeType: undefined }),
      {},
    );
  });

  it("explains a 404 for another workspace's experiment instead of a bare not-found", async () => {
    server.script(reply(ws('013')));
    const err = await new RestTrackingStore(client('team-b')).getExperiment('1').then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.ok(StoreError.isNotFound(err));
    const d = describeStoreError(err);
    assert.equal(d.summary, 'Not found in workspace "team-b"; it may be in another workspace');
    assert.match(
      d.detail,
      /No Experiment with id=1 exists.*: not found in workspace "team-b"; it may be in another workspace/,
    );
  });

  it('says when the chosen workspace itself no longer exists', async () => {
    server.script(reply(ws('011')));
    const err = await new RestTrackingStore(client('no-such-team'))
      .searchExperiments({ maxResults: 100 })
      .then(
        () => assert.fail('expected a 404'),
        (e: unknown) => e,
      );
    assert.equal(
      describeStoreError(err).summary,
      'Workspace "no-such-team" does not exist on this server: switch workspace',
    );
  });

  it('keeps a plain not-found plain on a connection without a workspace', async () => {
    server.script(reply(ws('013')));
    const err = await new RestTrackingStore(client()).getExperiment('1').then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.match(describeStoreError(err).summary, /^No Experiment with id=1 exists/);
    assert.doesNotMatch(describeStoreError(err).summary, /workspace/);
  });
});
