import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { Assessment } from '../../../src/core/traces/entities/assessment';
import { assessmentOverlay } from '../../support/mlflow/assessmentOverlay';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { sqliteServerTraces } from '../../support/mlflow/traceRoutes';
import { TRACE_COMMANDS } from '../../../src/extension/shared/commandIds/traceCommandIds';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { TraceDetailPanel } from '../../../src/extension/traces/traceDetailPanel';
import type { TraceDetailSnapshot } from '../../../src/protocol/traceDetail';
import {
  activeApi,
  clearTrackingUriSetting,
  connectTo,
  probeOf,
  repoRoot,
  until,
  waitForConnection,
} from './helpers';

const MANY_SPANS = 'tr-c2e32c06106cfeedb6970f34b44aede0';
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';
/** The agent trace with a HUMAN, an LLM_JUDGE and a CODE feedback and two expectations. */
const CHAT_TRACE = 'tr-62271419f50102fb4152e17dcc52f6c6';
const JUDGE_RELEVANCE = 'a-030343bb16d844348d6179cd486ae9e7';
const recordedDb = (): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite', 'mlflow.db');

async function openPanel(arg: unknown): Promise<{ panel: TraceDetailPanel; snapshot: TraceDetailSnapshot }> {
  const api = await activeApi();
  const panel = await vscode.commands.executeCommand<TraceDetailPanel | undefined>(
    TRACE_COMMANDS.openTrace,
    arg,
  );
  assert.ok(panel, 'the command returns its panel');
  // The panel may have shown other traces before (one panel is reused): this trace's last snapshot.
  const want = typeof arg === 'string' ? arg : (arg as { traceId: string }).traceId;
  const snapshot = await until(
    'the trace snapshot',
    () => {
      const sent = probeOf(api, 'traceDetail', panel.panel).sent;
      assert.equal(
        sent.find((m) => m.type === 'traceDetail/error'),
        undefined,
        'no error was posted',
      );
      return [...sent]
        .reverse()
        .find((m): m is TraceDetailSnapshot => m.type === 'traceDetail/snapshot' && m.traceId === want);
    },
    60_000,
  );
  return { panel, snapshot };
}

/** Every snapshot the panel was sent so far. */
function snapshotsOf(api: MlflowExtensionApi, panel: TraceDetailPanel): TraceDetailSnapshot[] {
  return probeOf(api, 'traceDetail', panel.panel).sent.filter(
    (m): m is TraceDetailSnapshot => m.type === 'traceDetail/snapshot',
  );
}

async function snapshots(panel: TraceDetailPanel): Promise<TraceDetailSnapshot[]> {
  return snapshotsOf(await activeApi(), panel);
}

const sha = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The trace panel on the recorded 3.11.1 store opened as a local `sqlite:` store: what the host
 * posted to the webview (read through the panel probe) for the 211-span trace and the ERROR trace.
 */
describe('trace detail panel (real extension host, recorded 3.11.1 mlflow.db)', () => {
  before(async function () {
    this.timeout(60_000);
    const uri = `sqlite:///${recordedDb()}`;
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
  });

  const open = openPanel;

  it('sends the 211-span trace whole, in tree order, with its timeline', async function () {
    this.timeout(90_000);
    const { panel, snapshot } = await open(MANY_SPANS);
    assert.equal(snapshot.traceId, MANY_SPANS);
    assert.equal(snapshot.name, 'reindex_knowledge_base');
    assert.equal(snapshot.spans.length, 211);
    assert.equal(snapshot.details.length, 211);
    assert.equal(snapshot.spans[0]?.depth, 0);
    assert.ok(snapshot.spans.every((r) => r.offset >= 0 && r.offset <= 1 && r.width <= 1));
    assert.equal(panel.panel.title, 'Trace reindex_knowledge_base');
    // No span failed: the webview selected the root by itself once it had rendered the rows.
    const api = await activeApi();
    const selected = await until('the webview selects a span', () =>
      probeOf(api, 'traceDetail', panel.panel).lastReceived('traceDetail/select'),
    );
    assert.equal(snapshot.initialSpan, 0);
    assert.equal(selected.spanId, snapshot.spans[0].spanId);
  });

  it('sends the ERROR trace with its failed span and the exception, opened from a { traceId } node', async function () {
    this.timeout(90_000);
    const { snapshot } = await open({ traceId: ERROR_TRACE });
    assert.equal(snapshot.state, 'ERROR');
    assert.ok(
      snapshot.spans.some((r) => r.statusCode === 'ERROR'),
      'an error span is present',
    );
    // The panel opens on the span that raised (the TOOL), not on the root the error reached.
    const i = snapshot.initialSpan;
    assert.equal(snapshot.spans[i]?.type, 'TOOL');
    assert.equal(snapshot.spans[i].statusCode, 'ERROR');
    const exception = snapshot.details[i]?.events.find((e) => e.exception !== undefined)?.exception;
    assert.equal(exception?.type, 'KeyError');
  });

  it('shows the next trace in the same panel, and Open Trace in New Panel keeps both', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await activeApi();
    const first = await open(MANY_SPANS);
    const next = await open(ERROR_TRACE);
    // One webview, given the second trace: no second tab, and no second start of a webview.
    assert.equal(next.panel, first.panel);
    assert.equal(next.panel.traceId, ERROR_TRACE);
    assert.equal(api.webviewPanels().filter((p) => p.kind === 'traceDetail').length, 1);
    const side = await vscode.commands.executeCommand<TraceDetailPanel>(TRACE_COMMANDS.openTraceInNewPanel, {
      traceId: MANY_SPANS,
    });
    assert.notEqual(side, first.panel);
    assert.equal(side.traceId, MANY_SPANS);
    assert.equal(api.webviewPanels().filter((p) => p.kind === 'traceDetail').length, 2);
    // Opening a trace a panel already shows reveals that panel rather than replacing another.
    assert.equal(await vscode.commands.executeCommand(TRACE_COMMANDS.openTrace, MANY_SPANS), side);
    assert.equal(first.panel.traceId, ERROR_TRACE);
  });

  it('opening the same trace again reveals its panel', async () => {
    const again = await vscode.commands.executeCommand<TraceDetailPanel>(
      TRACE_COMMANDS.openTrace,
      MANY_SPANS,
    );
    const first = await vscode.commands.executeCommand<TraceDetailPanel>(
      TRACE_COMMANDS.openTrace,
      MANY_SPANS,
    );
    assert.equal(again, first);
  });

  it('a local store refuses to add feedback before anything is asked or written', async function () {
    this.timeout(90_000);
    const { panel, snapshot } = await openPanel(CHAT_TRACE);
    // The panel is told why, so it shows the reason instead of Add/Override buttons.
    assert.match(snapshot.readOnly ?? '', /mlflow\.db is opened read-only/);
    const before = sha(recordedDb());
    const shown = (await snapshots(panel)).length;
    const result = await vscode.commands.executeCommand<Assessment | undefined>(
      TRACE_COMMANDS.addFeedback,
      { traceId: CHAT_TRACE },
      { name: 'helpful', value: 'true', confirmed: true },
    );
    assert.equal(result, undefined, 'nothing was written');
    assert.equal(sha(recordedDb()), before, 'mlflow.db is unchanged');
    assert.equal((await snapshots(panel)).length, shown, 'the panel was not reloaded');
  });
});

/**
 * Writes on a writable REST server: the test double over the recorded 3.11.1 store, its
 * assessment routes taking writes into memory. Each write goes through the command path, then
 * the panel is sent a new snapshot that shows it.
 */
describe('trace detail panel: assessment writes (REST test double over the recorded 3.11.1 store)', () => {
  let server: MlflowTestServer;
  let db: SqliteDatabase;
  before(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    db = await SqliteDatabase.open(recordedDb());
    server = await startMlflowTestServer(new SqliteTrackingStore(db), new SqliteRegistryStore(db), {
      traces: sqliteServerTraces(db, assessmentOverlay()),
    });
    await connectTo(server.baseUrl);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    await server.close();
    db.close();
  });

  /** The next snapshot after `count`, once the write's reload posted it. */
  async function nextSnapshot(panel: TraceDetailPanel, count: number): Promise<TraceDetailSnapshot> {
    const api = await activeApi();
    return until('the snapshot after the write', () => {
      const all = snapshotsOf(api, panel);
      return all.length > count ? all[all.length - 1] : undefined;
    });
  }

  it('adds feedback to the trace; the panel then shows it with its source', async function () {
    this.timeout(90_000);
    const { panel, snapshot } = await openPanel(CHAT_TRACE);
    assert.equal(snapshot.readOnly, undefined, 'a writable server shows the assessment buttons');
    assert.ok(!snapshot.assessments.some((a) => a.name === 'helpful'));
    const count = (await snapshots(panel)).length;
    const created = await vscode.commands.executeCommand<Assessment | undefined>(
      TRACE_COMMANDS.addFeedback,
      { traceId: CHAT_TRACE },
      { name: 'helpful', value: 'true', rationale: 'Solved it', confirmed: true },
    );
    assert.equal(created?.name, 'helpful');
    assert.equal(created.sourceType, 'HUMAN');
    const after = await nextSnapshot(panel, count);
    const shown = after.assessments.find((a) => a.name === 'helpful');
    assert.deepEqual(
      shown && {
        value: shown.value,
        source: shown.sourceType,
        rationale: shown.rationale,
        valid: shown.valid,
      },
      { value: 'true', source: 'HUMAN', rationale: 'Solved it', valid: true },
    );
    assert.equal(shown?.sourceId, created.sourceId);
  });

  it("overrides the judge's feedback: the old one is marked overridden, the new one overrides it", async function () {
    this.timeout(90_000);
    const { panel } = await openPanel(CHAT_TRACE);
    const count = (await snapshots(panel)).length;
    const created = await vscode.commands.executeCommand<Assessment | undefined>(
      TRACE_COMMANDS.overrideFeedback,
      { traceId: CHAT_TRACE, assessmentId: JUDGE_RELEVANCE },
      { value: '0.9', rationale: 'The judge missed the cited policy', confirmed: true },
    );
    assert.equal(created?.overrides, JUDGE_RELEVANCE);
    const after = await nextSnapshot(panel, count);
    const relevance = after.assessments.filter((a) => a.name === 'relevance');
    assert.deepEqual(
      relevance.map((a) => [a.sourceType, a.value, a.valid, a.overrides]),
      [
        ['LLM_JUDGE', '0.55', false, false],
        ['HUMAN', '0.9', true, true],
      ],
    );
  });

  it('adds an expectation to a span: it is listed under that span', async function () {
    this.timeout(90_000);
    const { panel, snapshot } = await openPanel(CHAT_TRACE);
    const i = snapshot.spans.findIndex((r) => r.type === 'CHAT_MODEL');
    const spanId = snapshot.spans[i]?.spanId;
    assert.ok(spanId);
    const count = (await snapshots(panel)).length;
    await vscode.commands.executeCommand(
      TRACE_COMMANDS.addExpectation,
      { traceId: CHAT_TRACE, spanId },
      { name: 'expected_topics', value: '["refunds", "returns"]', confirmed: true },
    );
    const after = await nextSnapshot(panel, count);
    assert.deepEqual(
      after.details[i]?.assessments.map((a) => [a.name, a.kind, a.value]),
      [['expected_topics', 'expectation', '["refunds","returns"]']],
    );
    assert.ok(!after.assessments.some((a) => a.name === 'expected_topics'), 'not listed on the trace');
  });
});

/** A trace made in a run by a logged model; the other links the prompt `summarize-ticket` v2. */
const IN_RUN_TRACE = 'tr-0c030a296680e520f030e16a6cfe5742';
const SOURCE_RUN = 'e356c244f214446dba9d6f16aad460c4';
const PROMPT_TRACE = 'tr-a9329f5255bb62b9f80492865ab99208';

describe('trace detail panel: links (source run, logged model, prompt version, workspace file)', () => {
  let script: string;
  before(async function () {
    this.timeout(60_000);
    // The traces name `populate3.py` (mlflow.source.name): give the sandbox workspace that file.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the in-host run opens a workspace');
    script = path.join(folder, 'populate3.py');
    fs.writeFileSync(script, Array.from({ length: 200 }, (_, i) => `# line ${String(i + 1)}`).join('\n'));
    const uri = `sqlite:///${recordedDb()}`;
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearTrackingUriSetting();
    fs.rmSync(script, { force: true });
  });

  it('the snapshot carries the source run and model; the link opens the run panel', async function () {
    this.timeout(90_000);
    const { snapshot } = await openPanel(IN_RUN_TRACE);
    assert.equal(snapshot.links.sourceRun, SOURCE_RUN);
    assert.equal(snapshot.links.loggedModel, 'models:/m-92f7cb2d35cf41a6b8527ddd10132494');
    assert.deepEqual(snapshot.links.files, [{ label: 'populate3.py', line: 1 }]);
    const api = await activeApi();
    assert.equal(api.panels.runDetail(SOURCE_RUN), undefined, 'no run panel before the click');
    await vscode.commands.executeCommand(TRACE_COMMANDS.openLink, IN_RUN_TRACE, 'sourceRun', 0);
    const runPanel = await until('the run panel', () => api.panels.runDetail(SOURCE_RUN));
    assert.ok(runPanel.panel.visible);
  });

  it('copies the logged model URI', async function () {
    this.timeout(90_000);
    await openPanel(IN_RUN_TRACE);
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand(TRACE_COMMANDS.openLink, IN_RUN_TRACE, 'loggedModel', 0);
    assert.equal(await vscode.env.clipboard.readText(), 'models:/m-92f7cb2d35cf41a6b8527ddd10132494');
  });

  it('opens the workspace file at its line; a stack frame outside the workspace is no link', async function () {
    this.timeout(90_000);
    // The ERROR trace's frames are /home/user/project/…: outside the workspace, so only the
    // relative `mlflow.source.name` resolves (to the file written above).
    const { snapshot } = await openPanel(ERROR_TRACE);
    assert.deepEqual(snapshot.links.files, [{ label: 'populate3.py', line: 1 }]);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(
      TRACE_COMMANDS.openLink,
      ERROR_TRACE,
      'file',
      0,
    );
    assert.equal(editor?.document.uri.fsPath, fs.realpathSync(script));
    assert.equal(editor.selection.active.line, 0);
    assert.equal(
      await vscode.commands.executeCommand(TRACE_COMMANDS.openLink, ERROR_TRACE, 'file', 5),
      undefined,
      'an index the trace does not have opens nothing',
    );
  });

  it("opens the linked prompt version's template", async function () {
    this.timeout(90_000);
    const { snapshot } = await openPanel(PROMPT_TRACE);
    assert.deepEqual(snapshot.links.prompts, [{ name: 'summarize-ticket', version: '2' }]);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(
      TRACE_COMMANDS.openLink,
      PROMPT_TRACE,
      'prompt',
      0,
    );
    assert.ok(editor, 'an editor opened');
    assert.ok(editor.document.uri.path.includes('summarize-ticket v2'), editor.document.uri.toString());
    assert.ok(editor.document.getText().length > 0, 'the template was read');
  });
});
