import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pythonFrames } from '../../../../src/core/traceDetail/pythonFrames';
import { traceLinks } from '../../../../src/core/traceDetail/traceLinks';
import {
  isInsideWorkspace,
  workspaceCandidates,
  workspaceLabel,
} from '../../../../src/core/traceDetail/workspacePath';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

const WS = path.resolve('/work/space/project');

describe('python stack frames', () => {
  it('reads file and line of each frame, once, skipping excerpts and carets', () => {
    const stack = [
      'Traceback (most recent call last):',
      '  File "/home/user/project/agent.py", line 12, in run',
      '    lookup(x)',
      '    ^^^^^^^^^',
      '  File "tools/lookup.py", line 158, in lookup',
      '    raise KeyError(x)',
      '  File "/home/user/project/agent.py", line 12, in run',
      '  File "<frozen runpy>", line 88',
      "KeyError: 'x'",
    ].join('\n');
    assert.deepEqual(pythonFrames(stack), [
      { file: '/home/user/project/agent.py', line: 12 },
      { file: 'tools/lookup.py', line: 158 },
      { file: '<frozen runpy>', line: 88 },
    ]);
  });

  it('ignores very long lines, line 0 and lookalikes', () => {
    const long = `  File "${'a'.repeat(1_000_000)}.py", line 1, in f`;
    assert.deepEqual(pythonFrames(long), []);
    assert.deepEqual(pythonFrames('  File "x.py", line 0, in f'), []);
    assert.deepEqual(pythonFrames('  File "x.py", line 12abc'), []);
    assert.deepEqual(pythonFrames('File x.py, line 3'), []);
  });
});

describe('workspace path check', () => {
  it('keeps paths inside a workspace folder, relative ones resolved against it', () => {
    assert.deepEqual(workspaceCandidates(path.join(WS, 'src/agent.py'), [WS]), [
      path.join(WS, 'src/agent.py'),
    ]);
    assert.deepEqual(workspaceCandidates('src/agent.py', [WS]), [path.join(WS, 'src/agent.py')]);
    assert.deepEqual(workspaceCandidates('./a/../b.py', [WS]), [path.join(WS, 'b.py')]);
    assert.equal(workspaceLabel(path.join(WS, 'src/agent.py'), [WS]), 'src/agent.py');
  });

  it('refuses ../, absolute paths elsewhere, the folder itself, control characters, long paths', () => {
    assert.deepEqual(workspaceCandidates('../secret.py', [WS]), []);
    assert.deepEqual(workspaceCandidates('src/../../other/x.py', [WS]), []);
    assert.deepEqual(workspaceCandidates('/etc/passwd', [WS]), []);
    assert.deepEqual(workspaceCandidates(`${WS}-evil/x.py`, [WS]), [], 'a sibling sharing the prefix');
    assert.deepEqual(workspaceCandidates(path.join(WS, '..', 'x.py'), [WS]), []);
    assert.deepEqual(workspaceCandidates(WS, [WS]), []);
    assert.deepEqual(workspaceCandidates('.', [WS]), []);
    assert.deepEqual(workspaceCandidates('a\u0000.py', [WS]), []);
    assert.deepEqual(workspaceCandidates('a\nb.py', [WS]), []);
    assert.deepEqual(workspaceCandidates('a\u202eyp.exe', [WS]), []);
    assert.deepEqual(workspaceCandidates(`${'a/'.repeat(3000)}x.py`, [WS]), []);
    assert.deepEqual(workspaceCandidates('', [WS]), []);
    assert.deepEqual(workspaceCandidates('x.py', []), [], 'no folder open, nothing to open');
    assert.ok(!isInsideWorkspace('/etc/passwd', [WS]));
    assert.ok(isInsideWorkspace(path.join(WS, 'x.py'), [WS]));
  });

  it('a relative path is tried in each folder, in order', () => {
    const other = path.resolve('/work/space/other');
    assert.deepEqual(workspaceCandidates('x.py', [WS, other]), [
      path.join(WS, 'x.py'),
      path.join(other, 'x.py'),
    ]);
  });
});

describe('trace links over the recorded 3.11.1 mlflow.db', () => {
  let db: SqliteDatabase;
  let store: SqliteTraceStore;
  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
    store = new SqliteTraceStore(db);
  });
  after(() => {
    db.close();
  });

  it('a trace made in a run by a logged model links both', async () => {
    const l = traceLinks(await store.getTrace('tr-0c030a296680e520f030e16a6cfe5742'));
    assert.equal(l.sourceRun, 'e356c244f214446dba9d6f16aad460c4');
    assert.equal(l.loggedModel, 'models:/m-92f7cb2d35cf41a6b8527ddd10132494');
    assert.deepEqual(l.prompts, []);
    assert.deepEqual(l.frames, [{ file: 'populate3.py', line: 1 }], 'mlflow.source.name');
  });

  it('the linked prompt version, from the mlflow.linkedPrompts tag', async () => {
    const l = traceLinks(await store.getTrace('tr-a9329f5255bb62b9f80492865ab99208'));
    assert.deepEqual(l.prompts, [{ name: 'summarize-ticket', version: '2' }]);
    assert.equal(l.sourceRun, undefined);
  });

  it("the error trace's stack frames, the user's file among them", async () => {
    const l = traceLinks(await store.getTrace('tr-f73be9a00575257de08694e2c271d08a'));
    assert.ok(l.frames.some((f) => f.file === '/home/user/project/populate3.py' && f.line === 158));
    assert.ok(l.frames.some((f) => f.file.endsWith('mlflow/tracing/fluent.py')));
    const keys = l.frames.map((f) => `${f.file}:${String(f.line)}`);
    assert.equal(new Set(keys).size, keys.length, 'each frame once');
  });

  it("drops ids that do not have MLflow's shape", async () => {
    const trace = await store.getTrace('tr-0c030a296680e520f030e16a6cfe5742');
    const l = traceLinks({
      ...trace,
      info: {
        ...trace.info,
        sourceRunId: '../runs/x',
        modelId: 'm-<img src=x>',
        linkedPrompts: [
          { name: 'a/b', version: '1' },
          { name: 'ok', version: 'latest' },
        ],
      },
    });
    assert.equal(l.sourceRun, undefined);
    assert.equal(l.loggedModel, undefined);
    assert.deepEqual(l.prompts, []);
  });
});
