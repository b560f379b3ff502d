// Download Artifacts against a hostile loopback server and local stores: the listing is bounded
// (a self-nesting folder, a folder listing itself, a flood of entries), files stream to disk with
// bounded memory whatever their size (no 100 MB cap, no whole-body deadline while bytes flow), and
// a cancelled, stalled or cut-short file leaves nothing behind and is named in the result.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { StoreError } from '../../../../src/core/common/storeError';
import { describeDownload } from '../../../../src/core/explorer/describeDownload';
import {
  downloadArtifactTree,
  runArtifactSource,
  type DownloadProgress,
  type DownloadResult,
} from '../../../../src/core/explorer/downloadArtifactTree';
import type { ArtifactFile } from '../../../../src/core/tracking/entities/artifactFile';
import { RestClient } from '../../../../src/core/tracking/rest/restClient';
import { RestTrackingStore } from '../../../../src/core/tracking/rest/restTrackingStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';
import {
  scriptedFileSha256,
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from '../../../support/mlflow/scriptedServer';

const RUN = '5479c2e952464803bc764edb72ee0164';
const MB = 1024 * 1024;

/** Every file under `dir`, relative, temporary ones included: what a download left on disk. */
function leftOnDisk(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
    : [];
}

function sha256(file: string): string {
  // Read in pieces: the file may be larger than the memory the test means to use.
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(4 * MB);
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** A full garbage collection, so that a memory sample counts what is alive, not what is not yet collected. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('Download Artifacts: bounded listing, streamed files, nothing partial left behind', function () {
  this.timeout(120_000);
  let server: ScriptedServer;
  let tmp: string;
  const runJson = loadExchange('rest', '033').response.text;

  before(async () => {
    server = await startScriptedServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-download-'));
  });
  after(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let n = 0;
  const freshDir = (): string => fs.mkdtempSync(path.join(tmp, `t${String(n++)}-`));
  const store = (timeoutMs = 2_000): RestTrackingStore =>
    new RestTrackingStore(new RestClient({ baseUrl: server.baseUrl, timeoutMs, maxRetries: 0 }));
  const listCalls = (): ReceivedRequest[] =>
    server.received.filter((r) => r.path.endsWith('/artifacts/list'));
  const listing = (
    files: ReadonlyArray<{ path: string; is_dir: boolean; file_size?: number }>,
    token?: string,
  ): { status: number; body: string } => ({
    status: 200,
    body: JSON.stringify({
      root_uri: 'mlflow-artifacts:/1/run/artifacts',
      files,
      ...(token === undefined ? {} : { next_page_token: token }),
    }),
  });
  const folderOf = (r: ReceivedRequest): string => r.query.find(([k]) => k === 'path')?.[1] ?? '';

  async function download(
    start: ArtifactFile | undefined,
    root: string,
    signal = new AbortController().signal,
    onProgress?: (p: DownloadProgress) => void,
    timeoutMs?: number,
  ): Promise<DownloadResult> {
    return downloadArtifactTree({
      source: runArtifactSource(store(timeoutMs), RUN),
      start,
      root,
      signal,
      onProgress,
    });
  }

  it('stops a folder that nests itself for ever at 32 levels, after 33 list calls, writing nothing', async () => {
    server.script((r) =>
      listing([{ path: folderOf(r) === '' ? 'again' : `${folderOf(r)}/again`, is_dir: true }]),
    );
    const root = freshDir();
    const result = await download(undefined, root);
    assert.equal(result.outcome, 'failed');
    assert.ok(StoreError.is(result.error, 'too-large'), String(result.error));
    assert.match(result.error.message, /nest deeper than 32 levels/);
    assert.equal(listCalls().length, 33, 'the start folder and 32 levels below it, no more');
    assert.deepEqual(leftOnDisk(root), []);
    assert.match(
      describeDownload(result).message,
      /^Download stopped\. The artifact folders nest deeper than 32 levels \(at "again\/again.*"\), the most one download walks\. Nothing was downloaded\.$/,
    );
  });

  it('stops at once when a folder lists itself, or lists a path twice or outside it', async () => {
    const cases: Array<[string, ScriptedReply, RegExp]> = [
      [
        'lists itself',
        (r) => listing([{ path: folderOf(r) === '' ? 'loop' : folderOf(r), is_dir: true }]),
        /lists the folder "loop" inside itself/,
      ],
      [
        'the same entry twice',
        listing([
          { path: 'a.txt', is_dir: false, file_size: 1 },
          { path: 'a.txt', is_dir: false, file_size: 1 },
        ]),
        /listed "a\.txt" twice/,
      ],
      [
        'a path outside the folder',
        (r) => listing([{ path: folderOf(r) === '' ? 'x' : 'elsewhere/y', is_dir: true }]),
        /listed "elsewhere\/y" in the folder "x", where it does not belong/,
      ],
      [
        'a path leaving the run',
        listing([{ path: '../../etc', is_dir: true }]),
        /a path that leaves the run's artifacts/,
      ],
    ];
    for (const [what, reply, message] of cases) {
      server.script(reply);
      const root = freshDir();
      const result = await download(undefined, root);
      assert.equal(result.outcome, 'failed', what);
      assert.ok(StoreError.is(result.error, 'invalid-response'), `${what}: ${String(result.error)}`);
      assert.match(result.error.message, message, what);
      assert.ok(listCalls().length <= 2, `${what}: ${String(listCalls().length)} list calls`);
      assert.deepEqual(leftOnDisk(root), [], what);
      assert.deepEqual(
        leftOnDisk(path.dirname(root)).filter((f) => !f.startsWith('t')),
        [],
        `${what}: nothing beside the folder`,
      );
    }
  });

  it('stops a listing that floods past 10,000 entries, after 11 pages', async () => {
    let page = 0;
    server.script(() => {
      page++;
      return listing(
        Array.from({ length: 1000 }, (_, i) => ({
          path: `f${String(page)}_${String(i)}.txt`,
          is_dir: false,
          file_size: 1,
        })),
        `p${String(page)}`,
      );
    });
    const root = freshDir();
    const result = await download(undefined, root);
    assert.ok(StoreError.is(result.error, 'too-large'), String(result.error));
    assert.match(result.error.message, /passed 10,000 files and folders/);
    assert.equal(listCalls().length, 11);
    assert.deepEqual(leftOnDisk(root), []);
  });

  it('streams a 200 MB file (over the 100 MB client cap) to disk with memory far below its size', async () => {
    const gc = collector();
    const file = { bytes: 200 * MB };
    server.script({ status: 200, body: runJson }, { file });
    const root = freshDir();
    const live = (): { heap: number; total: number } => {
      const m = process.memoryUsage();
      return { heap: m.heapUsed, total: m.heapUsed + m.arrayBuffers };
    };
    gc();
    await new Promise((r) => setImmediate(r));
    const baseline = live();
    let peak = { heap: 0, total: 0 };
    // Collect, then measure a turn later: V8 frees dead buffers' memory after the collection itself.
    // Four samples a second: streaming holds a steady amount, and a full collection every few
    // milliseconds made the download itself take minutes on a loaded machine.
    const sampler = setInterval(() => {
      gc();
      setImmediate(() => {
        const now = live();
        peak = {
          heap: Math.max(peak.heap, now.heap - baseline.heap),
          total: Math.max(peak.total, now.total - baseline.total),
        };
      });
    }, 250);
    const progress: DownloadProgress[] = [];
    let result: DownloadResult;
    try {
      result = await download(
        { path: 'big.bin', isDir: false, fileSize: file.bytes },
        root,
        undefined,
        (p) => {
          progress.push(p);
          progress.splice(0, progress.length - 3);
        },
      );
    } finally {
      clearInterval(sampler);
    }
    assert.equal(result.outcome, 'done', String(result.error));
    assert.equal(result.bytesDone, file.bytes);
    const out = path.join(root, 'big.bin');
    assert.equal(fs.statSync(out).size, file.bytes);
    assert.equal(sha256(out), scriptedFileSha256(file), 'every byte, in order');
    assert.deepEqual(leftOnDisk(root), ['big.bin'], 'no temporary file left');
    fs.rmSync(out);
    console.log(
      `      memory growth while streaming ${String(file.bytes / MB)} MB (server in the same process): V8 heap ${(peak.heap / MB).toFixed(1)} MB, heap + buffers ${(peak.total / MB).toFixed(1)} MB`,
    );
    assert.ok(peak.heap < 16 * MB, `V8 heap grew ${(peak.heap / MB).toFixed(1)} MB`);
    assert.ok(
      peak.total < 48 * MB,
      `heap and buffers grew ${(peak.total / MB).toFixed(1)} MB while streaming ${String(file.bytes / MB)} MB`,
    );
    assert.equal(
      server.received[1]?.headers['accept-encoding'],
      'identity',
      'the stored bytes, not a re-encoding',
    );
    assert.deepEqual(progress.at(-1), {
      filesDone: 1,
      filesTotal: 1,
      bytesDone: file.bytes,
      bytesTotal: file.bytes,
      current: undefined,
    });
  });

  it('keeps a download going past ten times the deadline while bytes keep flowing', async () => {
    // 110 pieces 40 ms apart: about 4.4 s, past the 10 × 400 ms a whole-body download had. The gap
    // between pieces is a tenth of the idle timeout, so a loaded machine's pauses do not end it.
    const file = { bytes: 110 * 1024, chunkBytes: 1024, everyMs: 40 };
    server.script({ status: 200, body: runJson }, { file });
    const root = freshDir();
    const started = Date.now();
    const result = await download(
      { path: 'slow.bin', isDir: false, fileSize: file.bytes },
      root,
      undefined,
      undefined,
      400,
    );
    assert.equal(result.outcome, 'done', String(result.error));
    assert.ok(Date.now() - started > 4_000, `took ${String(Date.now() - started)} ms`);
    assert.equal(sha256(path.join(root, 'slow.bin')), scriptedFileSha256(file));
  });

  it('fails a body that goes quiet for the idle timeout, keeping nothing', async () => {
    server.script(
      { status: 200, body: runJson },
      { file: { bytes: 10 * 1024, chunkBytes: 1024, everyMs: 5_000 } },
    );
    const root = freshDir();
    const started = Date.now();
    const result = await download(
      { path: 'quiet.bin', isDir: false, fileSize: 10 * 1024 },
      root,
      undefined,
      undefined,
      300,
    );
    assert.equal(result.outcome, 'failed');
    assert.ok(StoreError.is(result.error, 'timeout'), String(result.error));
    assert.match(
      result.error.message,
      /sent no data for 0\.3 s \(after 1024 of 10240 bytes; GET \/api\/2\.0\/mlflow-artifacts\/artifacts\/.*\/quiet\.bin\)/,
    );
    assert.ok(Date.now() - started < 3_000, `failed after ${String(Date.now() - started)} ms`);
    assert.deepEqual(leftOnDisk(root), []);
  });

  it('cancels mid-file promptly: the request is aborted, no partial file, the result names the file', async () => {
    // In order: the root listing, then per file the run (for its artifact root) and the bytes.
    server.script(
      listing([
        { path: 'a.txt', is_dir: false, file_size: 5 },
        { path: 'b.bin', is_dir: false, file_size: 1 * MB },
      ]),
      { status: 200, body: runJson },
      { status: 200, contentType: 'text/plain', body: 'hello' },
      { status: 200, body: runJson },
      { file: { bytes: 1 * MB, chunkBytes: 1024, everyMs: 20 } },
    );
    const root = freshDir();
    const controller = new AbortController();
    let cancelledAt = 0;
    const result = await download(undefined, root, controller.signal, (p) => {
      if (p.current === 'b.bin' && p.bytesDone >= 5 + 4096 && cancelledAt === 0) {
        cancelledAt = Date.now();
        controller.abort();
      }
    });
    const stoppedIn = Date.now() - cancelledAt;
    assert.equal(result.outcome, 'cancelled', String(result.error));
    assert.equal(result.file, 'b.bin');
    assert.equal(result.filesDone, 1);
    assert.equal(result.bytesDone, 5);
    assert.ok(stoppedIn < 1_000, `stopped ${String(stoppedIn)} ms after Cancel`);
    assert.deepEqual(
      leftOnDisk(root),
      ['a.txt'],
      'the finished file stays, the cancelled one leaves nothing',
    );
    const sent = server.streamed();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.streamed(), sent, 'the server stopped sending: the HTTP request was aborted');
    assert.ok(sent < 1 * MB);
    assert.equal(
      describeDownload(result).message,
      `Download cancelled after 1 of 2 files. 1 file (5 B) was downloaded to ${root}. b.bin was not kept.`,
    );
  });

  it('treats a body cut short of its Content-Length as an error and keeps nothing of it', async () => {
    server.script({ status: 200, body: runJson }, { file: { bytes: 5 * MB, cutAfter: 2 * MB } });
    const root = freshDir();
    const result = await download(
      { path: 'model/weights.bin', isDir: false, fileSize: 5 * MB },
      path.join(root, 'x'),
    );
    assert.equal(result.outcome, 'failed');
    assert.equal(result.file, 'model/weights.bin');
    assert.ok(StoreError.is(result.error, 'invalid-response'), String(result.error));
    assert.match(
      result.error.message,
      /broke off after \d+ of 5242880 bytes|ended after \d+ of 5242880 bytes/,
    );
    assert.deepEqual(leftOnDisk(root), []);
    assert.match(
      describeDownload(result).message,
      /^Download of model\/weights\.bin failed: The server broke off after \d+ of 5242880 bytes .* Nothing was downloaded\. model\/weights\.bin was not kept\.$/,
    );
  });

  it('names the file the server has no bytes for (404), keeping nothing', async () => {
    server.script(
      { status: 200, body: runJson },
      { status: 404, body: '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"No such file: gone.bin"}' },
    );
    const root = freshDir();
    const result = await download({ path: 'gone.bin', isDir: false, fileSize: 3 }, root);
    assert.equal(result.outcome, 'failed');
    assert.equal(result.file, 'gone.bin');
    assert.ok(
      StoreError.is(result.error, 'api') && result.error.errorCode === 'RESOURCE_DOES_NOT_EXIST',
      String(result.error),
    );
    assert.equal(server.received.length, 2, 'a 404 is not retried');
    assert.deepEqual(leftOnDisk(root), []);
    assert.match(
      describeDownload(result).message,
      /^Download of gone\.bin failed: .*No such file: gone\.bin.* Nothing was downloaded\. gone\.bin was not kept\.$/,
    );
  });

  it("streams a local store's files (mlflow.db with its artifacts folder) byte for byte", async () => {
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(FIXTURES, 'sqlite', 'mlartifacts'),
    });
    try {
      const root = freshDir();
      const result = await downloadArtifactTree({
        source: runArtifactSource(tracking, RUN),
        start: undefined,
        root,
        signal: new AbortController().signal,
      });
      assert.equal(result.outcome, 'done', String(result.error));
      const run = await tracking.getRun(RUN);
      const artifacts = path.join(FIXTURES, 'sqlite', 'mlartifacts', run.info.experimentId, RUN, 'artifacts');
      const expected = leftOnDisk(artifacts);
      assert.ok(expected.length > 2);
      assert.deepEqual(leftOnDisk(root), expected);
      for (const f of expected) {
        assert.equal(sha256(path.join(root, f)), sha256(path.join(artifacts, f)), f);
      }
      assert.equal(
        result.bytesDone,
        expected.reduce((sum, f) => sum + fs.statSync(path.join(artifacts, f)).size, 0),
      );

      const cancelled = new AbortController();
      cancelled.abort();
      const again = await downloadArtifactTree({
        source: runArtifactSource(tracking, RUN),
        start: { path: 'model/MLmodel', isDir: false, fileSize: undefined },
        root: freshDir(),
        signal: cancelled.signal,
      });
      assert.equal(again.outcome, 'cancelled');
    } finally {
      tracking.dispose();
    }
  });
});
