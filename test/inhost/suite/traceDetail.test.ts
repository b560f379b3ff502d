import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TRACE_COMMANDS } from '../../../src/extension/shared/commandIds/traceCommandIds';
import type { TraceDetailPanel } from '../../../src/extension/traces/traceDetailPanel';
import type { TraceDetailSnapshot } from '../../../src/protocol/traceDetail';
import { activeApi, clearTrackingUriSetting, probeOf, repoRoot, until, waitForConnection } from './helpers';

const MANY_SPANS = 'tr-c2e32c06106cfeedb6970f34b44aede0';
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';

/**
 * The trace panel on the recorded 3.11.1 store opened as a local `sqlite:` store: what the host
 * posted to the webview (read through the panel probe) for the 211-span trace and the ERROR trace.
 */
describe('trace detail panel (real extension host, recorded 3.11.1 mlflow.db)', () => {
  before(async function () {
    this.timeout(60_000);
    const uri = `sqlite:///${path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite', 'mlflow.db')}`;
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

  async function open(arg: unknown): Promise<{ panel: TraceDetailPanel; snapshot: TraceDetailSnapshot }> {
    const api = await activeApi();
    const panel = await vscode.commands.executeCommand<TraceDetailPanel | undefined>(
      TRACE_COMMANDS.openTrace,
      arg,
    );
    assert.ok(panel, 'the command returns its panel');
    // The panel may have shown another trace before: wait for this trace's snapshot.
    const want = typeof arg === 'string' ? arg : (arg as { traceId: string }).traceId;
    const snapshot = await until(
      'the trace snapshot',
      () => {
        const sent = probeOf(api, 'traceDetail', panel.panel).sent;
        const error = sent.find((m) => m.type === 'traceDetail/error');
        assert.equal(error, undefined, 'no error was posted');
        return sent.find(
          (m): m is TraceDetailSnapshot => m.type === 'traceDetail/snapshot' && m.traceId === want,
        );
      },
      60_000,
    );
    return { panel, snapshot };
  }

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
});
