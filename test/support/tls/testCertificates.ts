// Test support: throwaway certificates made with the machine's openssl at test start, read back from a
// temp folder that is deleted at once. Nothing here is committed; no private key lives in the repo.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** PEM texts for a small PKI: a CA, a leaf it signed for 127.0.0.1, and an expired leaf. */
export interface TestCertificates {
  readonly caCert: string;
  readonly caKey: string;
  readonly leafCert: string;
  readonly leafKey: string;
  readonly expiredCert: string;
}

/** Generate the certificates (EC P-256 keys, so it takes well under a second). */
export function makeTestCertificates(dnsNames: readonly string[] = []): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-tls-'));
  const f = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'pipe' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=MLflow extension test CA',
  );
  openssl('req', ...ec, '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(
    f('ext'),
    `subjectAltName=${['IP:127.0.0.1', ...dnsNames.map((n) => `DNS:${n}`)].join(',')}\n`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-set_serial',
    '2',
    '-days',
    '2',
    '-extfile',
    f('ext'),
    '-out',
    f('leaf.pem'),
  );
  // A negative validity ends the certificate before it was issued: expired from the start.
  openssl(
    'x509',
    '-req',
    '-in',
    f('leaf.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-set_serial',
    '3',
    '-days',
    '-1',
    '-extfile',
    f('ext'),
    '-out',
    f('expired.pem'),
  );
  const read = (name: string): string => fs.readFileSync(f(name), 'utf8');
  const certs = {
    caCert: read('ca.pem'),
    caKey: read('ca.key'),
    leafCert: read('leaf.pem'),
    leafKey: read('leaf.key'),
    expiredCert: read('expired.pem'),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return certs;
}
