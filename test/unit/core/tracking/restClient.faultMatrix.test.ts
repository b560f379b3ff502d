// The fault matrix (issue: trust and faults): the REST store against a hostile loopback server.
// Every row must end in a clear error of the expected kind, within the request deadline, with no
// unhandled rejection and a counted number of requests. The table it prints (FAULT_MATRIX=1) is
// the one in the README's reliability section.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectPages } from '../../../../src/core/common/paging';
import { StoreError } from '../../../../src/core/common/storeError';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import {
  startScriptedServer,
  type ScriptedReply,
  type ScriptedServer,
} from '../../../support/mlflow/scriptedServer';

const DEADLINE_MS = 1500;
const page = (token: string | undefined, n = 0): string =>
  JSON.stringify({
    experiments: Array.from({ length: n }, (_, i) => ({
      experiment_id: String(i),
      name: `e${String(i)}`,
      lifecycle_stage: 'active',
    })),
    ...(token === undefined ? {} : { next_page_token: token }),
  });

interface Row {
  readonly input: string;
  readonly replies: readonly ScriptedReply[];
  readonly kind: StoreError['kind'];
  readonly message: RegExp;
  /** Requests the server should have seen. */
  readonly requests: number;
  /** The request deadline for this row, when it is not {@link DEADLINE_MS}. */
  readonly deadlineMs?: number;
}

let fresh = 0;
const ROWS: readonly Row[] = [
  {
    input: 'never answers',
    replies: [{ hang: true }],
    kind: 'timeout',
    message: /no answer within 1\.5 s/,
    requests: 1,
  },
  {
    input: 'headers dribbled a byte every 100 ms',
    replies: [{ dribble: 'headers', everyMs: 100 }],
    kind: 'timeout',
    message: /no answer within/,
    requests: 1,
  },
  {
    input: 'body dribbled a byte every 100 ms',
    replies: [{ dribble: 'body', everyMs: 100 }],
    kind: 'timeout',
    message: /no answer within/,
    requests: 1,
  },
  {
    input: '500 every time',
    replies: [{ status: 500, body: '{"error_code":"INTERNAL_ERROR","message":"boom"}' }],
    kind: 'api',
    message: /boom \(INTERNAL_ERROR\)/,
    requests: 4,
  },
  {
    input: '503 every time',
    replies: [{ status: 503, body: '' }],
    kind: 'api',
    message: /HTTP 503/,
    requests: 4,
  },
  {
    input: '408 every time (retried like 503)',
    replies: [{ status: 408, body: '' }],
    kind: 'api',
    message: /HTTP 408/,
    requests: 4,
  },
  {
    input: '429 with Retry-After: 59',
    replies: [
      {
        status: 429,
        body: '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}',
        headers: { 'Retry-After': '59' },
      },
    ],
    kind: 'api',
    message: /slow down.*Gave up within the 1\.5 s deadline \(it asked to retry after 59 s\)/,
    requests: 1,
  },
  {
    input: '401',
    replies: [{ status: 401, body: '{"error_code":"UNAUTHENTICATED","message":"who?"}' }],
    kind: 'api',
    message: /Authentication failed \(HTTP 401\)/,
    requests: 1,
  },
  {
    input: '403',
    replies: [{ status: 403, body: '{"error_code":"PERMISSION_DENIED","message":"no"}' }],
    kind: 'api',
    message: /Access denied \(HTTP 403\)/,
    requests: 1,
  },
  {
    input: 'HTML with 200',
    replies: [{ status: 200, contentType: 'text/html', body: '<!doctype html><p>portal</p>' }],
    kind: 'not-mlflow',
    message: /HTML page \(HTTP 200\)/,
    requests: 1,
  },
  {
    input: 'truncated JSON',
    replies: [{ status: 200, body: '{"experiments":[{"experiment_id":"1"' }],
    kind: 'invalid-response',
    message: /not JSON/,
    requests: 1,
  },
  {
    input: '200 MB body',
    replies: [{ streamBytes: 200 * 1024 * 1024 }],
    kind: 'too-large',
    message: /more data than the configured limit/,
    requests: 1,
    // The client reads up to its 100 MB limit before it can tell the body is too large, which a
    // loaded machine does not finish in 1.5 s: this row is about the limit, so the deadline is
    // not the thing that may end it.
    deadlineMs: 8_000,
  },
  ...[301, 302, 307].map((status): Row => ({
    input: `${String(status)} to a login page`,
    replies: [
      { status, body: '', headers: { Location: 'https://user:secret@login.example.invalid/sso?next=%2F' } },
    ],
    kind: 'not-mlflow',
    message: new RegExp(`redirected \\(HTTP ${String(status)}\\) to https://login\\.example\\.invalid/sso`),
    requests: 1,
  })),
  {
    input: '204 no content',
    replies: [{ status: 204, body: '' }],
    kind: 'invalid-response',
    message: /HTTP 204 with no MLflow JSON/,
    requests: 1,
  },
  {
    input: 'the same page token again',
    replies: [{ status: 200, body: page('same', 1) }],
    kind: 'invalid-response',
    message: /repeated a page token/,
    requests: 2,
  },
  {
    input: 'empty pages with a fresh token each',
    replies: [
      () => {
        fresh++;
        return { status: 200, body: page(`t${String(fresh)}`) };
      },
    ],
    kind: 'invalid-response',
    message: /3 empty pages in a row/,
    requests: 3,
  },
];

describe('REST fault matrix (hostile loopback server: each case a clear error within the deadline)', function () {
  this.timeout(30_000);
  let server: ScriptedServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  const table: string[] = ['| input | message | time to error | requests |', '| --- | --- | --- | --- |'];

  before(async () => {
    server = await startScriptedServer();
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
    if (process.env.FAULT_MATRIX === '1') {
      console.log(table.join('\n'));
    }
    assert.deepEqual(unhandled, [], 'no unhandled rejections');
  });

  const store = (baseUrl: string, timeoutMs: number): RestTrackingStore =>
    new RestTrackingStore(new RestClient({ baseUrl, timeoutMs, backoffMs: 5, maxRetries: 3 }));

  async function expectFailure(
    row: { input: string; kind: StoreError['kind']; message: RegExp; deadlineMs?: number },
    baseUrl: string,
  ): Promise<number> {
    const deadline = row.deadlineMs ?? DEADLINE_MS;
    const started = Date.now();
    let caught: unknown;
    try {
      await collectPages((pageToken) =>
        store(baseUrl, deadline).searchExperiments({ maxResults: 10, pageToken }),
      );
    } catch (err) {
      caught = err;
    }
    const ms = Date.now() - started;
    assert.ok(StoreError.is(caught), `${row.input}: a StoreError, got ${String(caught)}`);
    assert.equal(caught.kind, row.kind, `${row.input}: ${caught.message}`);
    assert.match(caught.message, row.message, row.input);
    assert.doesNotMatch(caught.message, /secret/, 'no credentials from a redirect target');
    // a bound, not a benchmark: the deadline plus room for a loaded machine to notice it
    assert.ok(
      ms < deadline * 3,
      `${row.input}: failed after ${String(ms)} ms, past the ${String(deadline)} ms deadline`,
    );
    table.push(
      `| ${row.input} | ${caught.message.replace(/\|/g, '\\|')} | ${(ms / 1000).toFixed(2)} s | ${String(server.received.length)} |`,
    );
    return ms;
  }

  it('connection refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) =>
      closed.close(() => {
        r();
      }),
    );
    server.script({ status: 200, body: page(undefined) });
    await expectFailure(
      { input: 'connection refused', kind: 'network', message: /Connection refused/ },
      `http://127.0.0.1:${String(port)}`,
    );
  });

  for (const row of ROWS) {
    it(row.input, async () => {
      server.script(...row.replies);
      await expectFailure(row, server.baseUrl);
      assert.equal(server.received.length, row.requests, `${row.input}: requests made`);
    });
  }
});
