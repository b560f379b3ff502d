/**
 * Node's TLS error codes that mean "the certificate was not accepted" (as opposed to the network
 * being down), each with the sentence a user can act on. The codes are OpenSSL's verify results as
 * Node names them (`err.code` on the socket error axios passes through).
 */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'the server certificate cannot be verified: an intermediate certificate is missing, or it is signed by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the server certificate is signed by a CA this machine does not trust (a private or corporate CA)',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the server certificate is unknown',
  SELF_SIGNED_CERT_IN_CHAIN:
    'the certificate chain ends in a self-signed CA this machine does not trust (a private CA, or a proxy that inspects TLS)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet (check this machine’s clock)',
  CERT_REVOKED: 'the server certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'the server certificate signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
  HOSTNAME_MISMATCH: 'the server certificate does not name this host',
};

/** How to make a certificate acceptable, in MLflow's own terms (the same env vars the Python client reads). */
const CERTIFICATE_ADVICE =
  'Point MLFLOW_TRACKING_SERVER_CERT_PATH at the CA bundle that signed it, or (only for a server you control) set MLFLOW_TRACKING_INSECURE_TLS=true.';

/**
 * Say what a TLS failure means, or undefined when `code` is not a TLS failure. `EPROTO` and
 * OpenSSL's "wrong version number" mean the far end does not speak TLS at all (an http:// server
 * reached with https://).
 */
export function describeTlsProblem(code: string, message = ''): string | undefined {
  const known = CERTIFICATE_PROBLEMS[code];
  if (known !== undefined) {
    return `TLS failed (${code}): ${known}. ${CERTIFICATE_ADVICE}`;
  }
  if (code === 'EPROTO' || /wrong version number|ssl3_get_record|packet length too long/i.test(message)) {
    return `TLS handshake failed (${code || 'EPROTO'}): the server does not speak https at this address; try http://.`;
  }
  if (/CERT|SSL|TLS/i.test(code)) {
    return `TLS failed (${code}): the server certificate was not accepted. ${CERTIFICATE_ADVICE}`;
  }
  return undefined;
}
