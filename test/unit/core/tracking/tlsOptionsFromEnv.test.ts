import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { StoreError } from '../../../../src/core/common/storeError';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { tlsOptionsFromEnv, type TlsEnv } from '../../../../src/core/tracking/rest/tlsOptionsFromEnv';
import { loadExchange } from '../../../support/mlflow/recordedExchange';

/** A loopback HTTPS server answering every request with the recorded `experiments/get` of experiment 0. */
async function startHttps(
  options: https.ServerOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const answer = loadExchange('rest', '011').response.text;
  const server = https.createServer(options, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function storeFor(url: string, env: TlsEnv): RestTrackingStore {
  return new RestTrackingStore(
    new RestClient({ baseUrl: url, maxRetries: 0, tls: tlsOptionsFromEnv(env, (p) => fs.readFileSync(p)) }),
  );
}

const isTlsFailure = (err: unknown): boolean =>
  StoreError.is(err, 'tls') &&
  /TLS failed \((?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/.test(err.message);

describe('tlsOptionsFromEnv', () => {
  it('is undefined when no TLS variable is set, and reads files only through the given reader', () => {
    assert.equal(
      tlsOptionsFromEnv({}, () => assert.fail('no file to read')),
      undefined,
    );
    assert.equal(
      tlsOptionsFromEnv(
        { MLFLOW_TRACKING_INSECURE_TLS: 'false', MLFLOW_TRACKING_SERVER_CERT_PATH: ' ' },
        () => assert.fail('no file to read'),
      ),
      undefined,
    );
    assert.deepEqual(
      tlsOptionsFromEnv({ MLFLOW_TRACKING_INSECURE_TLS: 'True' }, () => assert.fail('no file to read')),
      { insecure: true },
    );
    assert.deepEqual(
      tlsOptionsFromEnv({ MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem' }, (p) => Buffer.from(`ca of ${p}`)),
      { ca: Buffer.from('ca of /ca.pem') },
    );
  });

  it('uses the client certificate file as the key too only when it holds a private key', () => {
    const certOnly = Buffer.from('-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const both = Buffer.concat([
      certOnly,
      Buffer.from('-----BEGIN EC PRIVATE KEY-----\ny\n-----END EC PRIVATE KEY-----\n'),
    ]);
    assert.deepEqual(
      tlsOptionsFromEnv({ MLFLOW_TRACKING_CLIENT_CERT_PATH: '/c.pem' }, () => certOnly),
      { cert: certOnly },
    );
    assert.deepEqual(
      tlsOptionsFromEnv({ MLFLOW_TRACKING_CLIENT_CERT_PATH: '/c.pem' }, () => both),
      { cert: both, key: both },
    );
  });

  it('refuses what MLflow refuses: both flags, a non-boolean flag, an unreadable file', () => {
    assert.throws(
      () =>
        tlsOptionsFromEnv(
          { MLFLOW_TRACKING_INSECURE_TLS: 'true', MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem' },
          () => Buffer.from(''),
        ),
      /both set/,
    );
    assert.throws(
      () => tlsOptionsFromEnv({ MLFLOW_TRACKING_INSECURE_TLS: 'yes' }, () => Buffer.from('')),
      /must be true, false, 1 or 0/,
    );
    assert.throws(
      () =>
        tlsOptionsFromEnv({ MLFLOW_TRACKING_SERVER_CERT_PATH: '/nope/ca.pem' }, (p) => fs.readFileSync(p)),
      (err: unknown) =>
        err instanceof Error &&
        err.message === 'MLFLOW_TRACKING_SERVER_CERT_PATH: cannot read /nope/ca.pem (ENOENT).',
    );
  });

  describe('against a loopback HTTPS server with a self-signed certificate made by openssl for this run', () => {
    let dir: string;
    let certPath: string;
    let combinedPath: string;
    let cert: Buffer;
    let key: Buffer;
    before(function () {
      this.timeout(60_000);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-tls-'));
      certPath = path.join(dir, 'cert.pem');
      const keyPath = path.join(dir, 'key.pem');
      // The key exists only in this temporary folder, for the duration of the test.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          keyPath,
          '-out',
          certPath,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
        ],
        { stdio: 'ignore' },
      );
      cert = fs.readFileSync(certPath);
      key = fs.readFileSync(keyPath);
      combinedPath = path.join(dir, 'client.pem');
      fs.writeFileSync(combinedPath, Buffer.concat([cert, key]));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('rejects the certificate by default, trusts it through the server cert path, and skips verification when insecure', async () => {
      const server = await startHttps({ cert, key });
      try {
        await assert.rejects(storeFor(server.url, {}).getExperiment('0'), isTlsFailure);
        assert.equal(
          (await storeFor(server.url, { MLFLOW_TRACKING_SERVER_CERT_PATH: certPath }).getExperiment('0'))
            .name,
          'Default',
        );
        assert.equal(
          (await storeFor(server.url, { MLFLOW_TRACKING_INSECURE_TLS: 'true' }).getExperiment('0')).name,
          'Default',
        );
      } finally {
        await server.close();
      }
    });

    it('presents the client certificate from MLFLOW_TRACKING_CLIENT_CERT_PATH to a server that requires one', async () => {
      const server = await startHttps({ cert, key, ca: cert, requestCert: true, rejectUnauthorized: true });
      try {
        await assert.rejects(
          storeFor(server.url, { MLFLOW_TRACKING_SERVER_CERT_PATH: certPath }).getExperiment('0'),
          (err: unknown) => StoreError.is(err, 'tls'),
        );
        const store = storeFor(server.url, {
          MLFLOW_TRACKING_SERVER_CERT_PATH: certPath,
          MLFLOW_TRACKING_CLIENT_CERT_PATH: combinedPath,
        });
        assert.equal((await store.getExperiment('0')).experimentId, '0');
      } finally {
        await server.close();
      }
    });
  });
});
