import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnoseConnection } from '../../../../src/core/connection/diagnoseConnection';
import { StoreError } from '../../../../src/core/common/storeError';
import { describeStoreError } from '../../../../src/core/explorer/describeStoreError';
import { RestClient, type TlsOptions } from '../../../../src/core/tracking/rest/restClient';
import { tlsOptionsFromEnv } from '../../../../src/core/tracking/rest/tlsOptionsFromEnv';
import {
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedServer,
} from '../../../support/mlflow/scriptedServer';
import { makeTestCertificates, type TestCertificates } from '../../../support/tls/testCertificates';

type Reply = { status: number; contentType?: string; body: string };
const json = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body) });
const HTML_404: Reply = {
  status: 404,
  contentType: 'text/html; charset=utf-8',
  body: '<!doctype html><title>404 Not Found</title>',
};
const NOT_FOUND = json(404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'No API found for path' });

/** A server whose answer depends on the route, like a real one: experiments, bulk-interval, logged models. */
function byRoute(
  experiments: Reply,
  bulkInterval: Reply,
  loggedModels: Reply,
): (req: ReceivedRequest) => Reply {
  return (req) => {
    if (req.path.endsWith('/experiments/search')) {
      return experiments;
    }
    if (req.path.endsWith('/metrics/get-history-bulk-interval')) {
      return bulkInterval;
    }
    return req.path.endsWith('/logged-models/search') ? loggedModels : HTML_404;
  };
}

const EXPERIMENTS = json(200, {
  experiments: [{ experiment_id: '0', name: 'Default' }],
  next_page_token: 'x',
});
const MISSING_RUN_IDS = json(400, {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: "Missing value for required parameter 'run_ids'.",
});

describe('diagnoseConnection', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });
  const client = (baseUrl = server.baseUrl, tls?: TlsOptions): RestClient =>
    new RestClient({ baseUrl, maxRetries: 0, timeoutMs: 2000, tls });

  it('says a current server works, after probing the newer endpoints too', async () => {
    server.script(byRoute(EXPERIMENTS, MISSING_RUN_IDS, json(200, { models: [] })));
    const d = await diagnoseConnection(client());
    assert.equal(d.severity, 'ok');
    assert.equal(d.problem, undefined);
    assert.deepEqual(
      server.received.map((r) => `${r.method} ${r.path}`),
      [
        'POST /api/2.0/mlflow/experiments/search',
        'GET /api/2.0/mlflow/metrics/get-history-bulk-interval',
        'POST /api/2.0/mlflow/logged-models/search',
      ],
    );
  });

  it('says a healthy older server is connected (information, in a line that fits), with what it lacks in the details', async () => {
    // What the real 2.17.2 server answers logged-models/search: Flask's HTML 404.
    server.script(byRoute(EXPERIMENTS, MISSING_RUN_IDS, HTML_404));
    const v2 = await diagnoseConnection(client());
    assert.equal(v2.severity, 'ok');
    assert.equal(v2.problem, 'old-server');
    assert.equal(v2.summary, 'Connected (older than MLflow 3.0: no logged models).');
    assert.match(
      v2.details ?? '',
      /lacks logged models \(logged-models\/search\), added in MLflow 3\.0\. .*pip install -U mlflow/,
    );

    server.script(byRoute(json(200, {}), HTML_404, NOT_FOUND));
    const v1 = await diagnoseConnection(client());
    assert.equal(v1.severity, 'ok');
    assert.equal(v1.summary, 'Connected (older than MLflow 2.11: no sampled histories or logged models).');
    assert.match(
      v1.details ?? '',
      /get-history-bulk-interval\), added in MLflow 2\.11; logged models .* added in MLflow 3\.0/,
    );
    // The notification names the server first; with a loopback address it stays within a toast's ~100 characters.
    assert.ok(`http://127.0.0.1:5000: ${v1.summary}`.length <= 100);
  });

  it('names an unreachable server', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      closed.close(() => {
        r();
      }),
    );
    const d = await diagnoseConnection(client(`http://127.0.0.1:${port}`));
    assert.equal(d.problem, 'unreachable');
    assert.match(d.summary, /Connection refused/);

    server.script({ hang: true });
    const slow = await diagnoseConnection(
      new RestClient({ baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 200 }),
    );
    assert.equal(slow.problem, 'unreachable');
    assert.match(slow.summary, /no answer within/);
  });

  it('tells 401 from 403, and a 3.5+ server refusing the Host header from both', async () => {
    server.script(json(401, { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent' }));
    assert.equal((await diagnoseConnection(client())).problem, 'unauthenticated');
    server.script(json(403, { error_code: 'PERMISSION_DENIED', message: 'Permission denied' }));
    const forbidden = await diagnoseConnection(client());
    assert.equal(forbidden.problem, 'forbidden');
    assert.match(forbidden.summary, /Permission denied/);
    server.script({
      status: 403,
      contentType: 'text/plain',
      body: 'Invalid Host header - possible DNS rebinding attack detected',
    });
    const host = await diagnoseConnection(client());
    assert.equal(host.problem, 'host-rejected');
    assert.match(host.advice, /--allowed-hosts.*MLFLOW_SERVER_ALLOWED_HOSTS/);
  });

  it('recognises an address that is not an MLflow API: an HTML page, other JSON, a 404 on the first call', async () => {
    server.script({
      status: 200,
      contentType: 'text/html',
      body: '<html><body>Sign in to the portal</body></html>',
    });
    assert.equal((await diagnoseConnection(client())).problem, 'not-mlflow');
    server.script(json(200, { status: 'ok', version: '1.2' }));
    const other = await diagnoseConnection(client());
    assert.equal(other.problem, 'not-mlflow');
    assert.match(other.summary, /not MLflow’s/);
    server.script(json(200, { experiments: 'nope' }));
    assert.equal((await diagnoseConnection(client())).problem, 'not-mlflow');
    server.script(NOT_FOUND);
    assert.equal((await diagnoseConnection(client())).problem, 'not-mlflow');
    server.script(json(500, { error_code: 'INTERNAL_ERROR', message: 'database is locked' }));
    const broken = await diagnoseConnection(client());
    assert.equal(broken.problem, 'server-error');
    assert.match(broken.summary, /database is locked/);
  });

  describe('over TLS (certificates made with openssl at test start)', () => {
    let certs: TestCertificates;
    const servers: https.Server[] = [];
    before(() => {
      certs = makeTestCertificates();
    });
    after(() => {
      for (const s of servers) {
        s.closeAllConnections();
        s.close();
      }
    });
    const serve = async (cert: string, key: string): Promise<string> => {
      const s = https.createServer({ cert, key }, (req, res) => {
        res
          .writeHead(req.url?.endsWith('/experiments/search') ? 200 : 400, {
            'Content-Type': 'application/json',
          })
          .end('{}');
      });
      servers.push(s);
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return `https://127.0.0.1:${(s.address() as AddressInfo).port}`;
    };
    const tlsFailure = async (baseUrl: string, tls?: TlsOptions): Promise<string> => {
      const d = await diagnoseConnection(client(baseUrl, tls));
      assert.equal(d.problem, 'tls', d.summary);
      return d.summary;
    };

    it('names each certificate problem by its code', async () => {
      assert.match(
        await tlsFailure(await serve(certs.caCert, certs.caKey)),
        /DEPTH_ZERO_SELF_SIGNED_CERT.*self-signed certificate/,
      );
      assert.match(
        await tlsFailure(await serve(certs.leafCert, certs.leafKey)),
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE.*MLFLOW_TRACKING_SERVER_CERT_PATH/,
      );
      assert.match(
        await tlsFailure(await serve(certs.leafCert + certs.caCert, certs.leafKey)),
        /SELF_SIGNED_CERT_IN_CHAIN/,
      );
      assert.match(
        await tlsFailure(await serve(certs.expiredCert, certs.leafKey), { ca: certs.caCert }),
        /CERT_HAS_EXPIRED.*expired/,
      );
    });

    it('trusts a server once its CA bundle is given (as MLflow’s env vars say), and says so when http is reached with https', async () => {
      const good = await serve(certs.leafCert, certs.leafKey);
      assert.equal((await diagnoseConnection(client(good, { ca: certs.caCert }))).severity, 'ok');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-ca-'));
      try {
        fs.writeFileSync(path.join(dir, 'ca.pem'), certs.caCert);
        const fromEnv = tlsOptionsFromEnv(
          { MLFLOW_TRACKING_SERVER_CERT_PATH: path.join(dir, 'ca.pem') },
          (p) => fs.readFileSync(p),
        );
        assert.equal((await diagnoseConnection(client(good, fromEnv))).severity, 'ok');
        const insecure = tlsOptionsFromEnv({ MLFLOW_TRACKING_INSECURE_TLS: 'True' }, (p) =>
          fs.readFileSync(p),
        );
        assert.equal(
          (await diagnoseConnection(client(await serve(certs.caCert, certs.caKey), insecure))).severity,
          'ok',
        );
        assert.equal(
          tlsOptionsFromEnv({}, (p) => fs.readFileSync(p)),
          undefined,
        );
        assert.throws(
          () =>
            tlsOptionsFromEnv({ MLFLOW_TRACKING_SERVER_CERT_PATH: path.join(dir, 'missing.pem') }, (p) =>
              fs.readFileSync(p),
            ),
          /cannot read/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.match(await tlsFailure(server.baseUrl.replace('http:', 'https:')), /does not speak https/);
    });
  });

  it('gives the explorer the same precise wording for TLS and Host-header errors', () => {
    assert.equal(
      describeStoreError(new StoreError('tls', 'TLS failed (CERT_HAS_EXPIRED)')).summary,
      'The server certificate was not accepted (TLS)',
    );
    assert.equal(
      describeStoreError(new StoreError('host-rejected', 'refused')).summary,
      'The server refused this host name (Invalid Host header)',
    );
    assert.equal(describeStoreError(new StoreError('api', 'no', { status: 401 })).signIn, true);
    assert.equal(describeStoreError(new StoreError('api', 'no', { status: 403 })).signIn, undefined);
  });
});
