import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForPing } from '../../../../src/core/serving/waitForPing';

/**
 * A scoring server as `mlflow models serve -w 1` behaves: the socket listens before the one
 * worker has loaded the model, so a request is accepted at once and answered only once the
 * worker is up (`bootMs` after listening). Counts the connections it was given, and which of
 * them are still open.
 */
async function slowBootServer(
  bootMs: number,
): Promise<{ url: string; connections: () => number; open: () => number; close: () => Promise<void> }> {
  const up = Date.now() + bootMs;
  let connections = 0;
  let open = 0;
  const server = http.createServer((req, res) => {
    setTimeout(
      () => {
        res.writeHead(req.url === '/ping' ? 200 : 404, { 'Content-Type': 'application/json' });
        res.end('\n');
      },
      Math.max(0, up - Date.now()),
    );
  });
  server.on('connection', (s) => {
    connections++;
    open++;
    s.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    connections: () => connections,
    open: () => open,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => {
          r();
        });
      }),
  };
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) =>
    s.close(() => {
      r();
    }),
  );
  return port;
}

describe('waitForPing (readiness costs no more than the server’s own start-up)', function () {
  this.timeout(20_000);

  it('keeps the one accepted request until the worker is up: one connection, none left open', async () => {
    const srv = await slowBootServer(3000);
    try {
      const outcome = await waitForPing(srv.url, {
        signal: new AbortController().signal,
        timeoutMs: 15_000,
        stillRunning: () => true,
      });
      assert.equal(outcome, 'ready');
      // a poll that abandons requests after 2 s hands a sync worker a queue of dead connections
      assert.equal(srv.connections(), 1, 'one connection for the whole wait');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(srv.open(), 0, 'no keep-alive socket stays to occupy the single worker');
    } finally {
      await srv.close();
    }
  });

  it('retries while nothing listens yet, then finds the server', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${String(port)}`;
    const late = http.createServer((_req, res) => {
      res.end('\n');
    });
    setTimeout(() => late.listen(port, '127.0.0.1'), 600);
    try {
      assert.equal(
        await waitForPing(url, {
          signal: new AbortController().signal,
          timeoutMs: 15_000,
          stillRunning: () => true,
        }),
        'ready',
      );
    } finally {
      late.closeAllConnections();
      late.close();
    }
  });

  it('ends the wait when the process exits while its request is still queued', async () => {
    const srv = await slowBootServer(60_000);
    let running = true;
    setTimeout(() => (running = false), 300);
    try {
      assert.equal(
        await waitForPing(srv.url, {
          signal: new AbortController().signal,
          timeoutMs: 15_000,
          stillRunning: () => running,
        }),
        'exited',
      );
    } finally {
      await srv.close();
    }
  });

  it('is cancelled by its signal while waiting, and times out by itself', async () => {
    const srv = await slowBootServer(60_000);
    try {
      const ac = new AbortController();
      setTimeout(() => {
        ac.abort();
      }, 300);
      assert.equal(
        await waitForPing(srv.url, { signal: ac.signal, timeoutMs: 15_000, stillRunning: () => true }),
        'cancelled',
      );
      assert.equal(
        await waitForPing(srv.url, {
          signal: new AbortController().signal,
          timeoutMs: 400,
          stillRunning: () => true,
        }),
        'timeout',
      );
    } finally {
      await srv.close();
    }
  });

  it('keeps asking when /ping answers something other than 200', async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      assert.equal(
        await waitForPing(`http://127.0.0.1:${String(port)}`, {
          signal: new AbortController().signal,
          timeoutMs: 15_000,
          stillRunning: () => true,
          retryMs: 10,
        }),
        'ready',
      );
      assert.equal(calls, 3);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
