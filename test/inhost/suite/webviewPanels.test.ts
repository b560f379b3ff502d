import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import { COMMANDS } from '../../../src/extension/shared/commandIds/commandIds';
import { COMPARE_COMMANDS } from '../../../src/extension/shared/commandIds/compareCommandIds';
import { EVALUATION_COMMANDS } from '../../../src/extension/shared/commandIds/evaluationCommandIds';
import type { ComparePanel } from '../../../src/extension/compare/comparePanel';
import { PROJECT_COMMANDS } from '../../../src/extension/shared/commandIds/projectCommandIds';
import { TRACE_COMMANDS } from '../../../src/extension/shared/commandIds/traceCommandIds';
import { RUNS_TABLE_COMMANDS } from '../../../src/extension/shared/commandIds/runsTableCommandIds';
import type { RunsTablePanel } from '../../../src/extension/runsTable/runsTablePanel';
import type { TraceDetailPanel } from '../../../src/extension/traces/traceDetailPanel';
import type { ModelServerInfo } from '../../../src/extension/serving/modelServer';
import type { OpenWebviewPanel } from '../../../src/extension/shared/webviews/webviewHtml';
import type { TryItPanel } from '../../../src/extension/serving/tryItPanel';
import { PANEL_KIND_NAMES, PANEL_KINDS, type PanelKind } from '../../../src/protocol/panelKinds';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { auditWebviewHtml } from '../../support/webview/auditWebviewHtml';
import { closeEditorsAndDisconnect, connectTo, probeOf, repoRoot, until, workspaceRoot } from './helpers';

const RUN = '5479c2e952464803bc764edb72ee0164';
const OTHER_RUN = 'cc8c8745b34f45ada9edf6334e96c203';

/** What opening one panel through its command left: the data it shows, which must not be in its HTML. */
interface Opened {
  readonly data: readonly string[];
  /** A message the host posted with that data (so it went by postMessage), where the panel keeps them. */
  readonly posted?: () => unknown;
}

describe('every webview panel: CSP, no command URIs, own roots only, no data in the HTML (real extension host)', () => {
  let api: MlflowExtensionApi;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let projectDir: string;

  before(async function () {
    this.timeout(60_000);
    const fixtures = path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2');
    const db = await SqliteDatabase.open(path.join(fixtures, 'sqlite', 'mlflow.db'));
    tracking = new SqliteTrackingStore(db, {
      artifactsDestination: path.join(fixtures, 'sqlite', 'mlartifacts'),
    });
    server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    api = await connectTo(server.baseUrl);
    // The mlflow CLI stand-in (a test double replaying recorded answers) serves the model Try it talks to.
    await vscode.workspace
      .getConfiguration('mlflow')
      .update(
        'pythonPath',
        path.join(repoRoot().fsPath, 'test', 'support', 'cli', 'python'),
        vscode.ConfigurationTarget.Global,
      );
    projectDir = path.join(workspaceRoot().fsPath, 'projects', 'wine-panels');
    fs.cpSync(
      path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlproject', 'sklearn_elasticnet_wine'),
      projectDir,
      { recursive: true },
    );
  });

  after(async () => {
    for (const s of api.servers()) {
      await vscode.commands.executeCommand(COMMANDS.serveStop, s.id);
    }
    await closeEditorsAndDisconnect();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    tracking.dispose();
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  // One way to open each kind, as a user would (its command). Typed by PanelKind: a kind added to
  // the registry without an opener here does not compile, and the registry check in the unit tier
  // fails for a panel created outside it.
  const openers: Record<PanelKind, () => Promise<Opened>> = {
    connection: async () => {
      await vscode.commands.executeCommand(COMMANDS.showConnectionDetails);
      return { data: [server.baseUrl, new URL(server.baseUrl).host] };
    },
    compare: async () => {
      const panel = await vscode.commands.executeCommand<ComparePanel>(
        COMPARE_COMMANDS.compareRuns,
        undefined,
        [RUN, OTHER_RUN],
      );
      const names = await Promise.all(
        [RUN, OTHER_RUN].map(async (id) => (await tracking.getRun(id)).info.runName ?? ''),
      );
      return {
        data: [RUN, OTHER_RUN, ...names],
        posted: () =>
          probeOf(api, 'compare', panel.panel).sent.find(
            (m) => m.type === 'compare/snapshot' && m.table.runIds.includes(RUN),
          ),
      };
    },
    runDetail: async () => {
      await vscode.commands.executeCommand(COMPARE_COMMANDS.openRunById, RUN);
      const panel = await until('the run panel', () => api.panels.runDetail(RUN));
      const run = await tracking.getRun(RUN);
      return {
        data: [RUN, RUN.slice(0, 8), run.info.runName ?? ''],
        posted: () =>
          probeOf(api, 'runDetail', panel.panel).sent.find(
            (m) => m.type === 'runDetail/snapshot' && m.runId === RUN,
          ),
      };
    },
    traceDetail: async () => {
      // This 2.17.2 stand-in has no such trace: the panel shows why, by message, never in its HTML.
      const traceId = 'tr-0123456789abcdef0123456789abcdef';
      const panel = await vscode.commands.executeCommand<TraceDetailPanel>(TRACE_COMMANDS.openTrace, traceId);
      return {
        data: [traceId],
        posted: () => probeOf(api, 'traceDetail', panel.panel).sent[0],
      };
    },
    evaluation: async () => {
      // The 2.17.2 stand-in has no evaluation run: the panel says so, by message, never in its HTML.
      await vscode.commands.executeCommand(EVALUATION_COMMANDS.showResults, RUN);
      const panel = await until('the evaluation panel', () => api.evaluations.all().at(-1));
      return {
        data: [RUN],
        posted: () => probeOf(api, 'evaluation', panel.panel).sent.find((m) => m.type === 'evaluation/error'),
      };
    },
    tryIt: async () => {
      const model = vscode.Uri.joinPath(workspaceRoot(), 'models', 'iris-logistic-regression');
      const info = await vscode.commands.executeCommand<ModelServerInfo | undefined>(
        COMMANDS.serveStart,
        model,
        { envManager: 'local' },
      );
      assert.ok(info, 'the stand-in serves the model');
      const panel = await vscode.commands.executeCommand<TryItPanel | undefined>(
        COMMANDS.serveTryIt,
        info.id,
      );
      assert.ok(panel);
      return {
        data: ['iris-logistic-regression', `:${String(info.port)})`, info.url],
        posted: () => probeOf(api, 'tryIt', panel.panel).sent.find((m) => m.type === 'tryIt/init'),
      };
    },
    projectRun: async () => {
      await vscode.commands.executeCommand(
        PROJECT_COMMANDS.runEntryPoint,
        vscode.Uri.file(path.join(projectDir, 'MLproject')),
        'main',
      );
      // MLflow's example project is named "tutorial"; the form shows it, its entry point and its file.
      return { data: ['tutorial', 'wine-panels', 'alpha'] };
    },
    runsTable: async () => {
      const run = await tracking.getRun(RUN);
      const panel = await vscode.commands.executeCommand<RunsTablePanel>(
        RUNS_TABLE_COMMANDS.open,
        run.info.experimentId,
      );
      return {
        data: [RUN, run.info.runName ?? ''],
        posted: () =>
          probeOf(api, 'runsTable', panel.panel).sent.find(
            (m) => m.type === 'runsTable/rows' && m.rows.some((r) => r.runId === RUN),
          ),
      };
    },
  };

  it('has an opener for every kind of panel the extension registers', () => {
    assert.deepEqual(Object.keys(openers).sort(), [...PANEL_KIND_NAMES].sort());
  });

  for (const kind of PANEL_KIND_NAMES) {
    it(`${kind}: the final HTML and options keep the webview rules`, async function () {
      this.timeout(120_000);
      const before = new Set(api.webviewPanels().map((p) => p.panel));
      const opened = await openers[kind]();
      const open: OpenWebviewPanel = await until(
        `a new ${kind} panel`,
        () => api.webviewPanels().find((p) => p.kind === kind && !before.has(p.panel)),
        60_000,
      );
      if (opened.posted) {
        // Its data did reach it, by message: the page below must then have got none of it.
        await until(`the ${kind} panel's data message`, opened.posted, 60_000);
      }
      const { webview } = open.panel;
      const ext = repoRoot();
      const roots = [vscode.Uri.joinPath(ext, 'dist', 'webview'), vscode.Uri.joinPath(ext, 'media')];
      const problems = auditWebviewHtml({
        html: webview.html,
        cspSource: webview.cspSource,
        roots: roots.map((r) => webview.asWebviewUri(r).toString()),
        pageTitle: PANEL_KINDS[kind].pageTitle,
        // the tab's title too, where it is not the kind's constant ("Run 5479c2e9", "Try iris… (:5123)")
        data: [
          ...opened.data,
          ...(open.panel.title === PANEL_KINDS[kind].pageTitle ? [] : [open.panel.title]),
        ],
      });
      assert.deepEqual(problems, [], `${kind}:\n${webview.html}`);
      assert.match(
        webview.html,
        new RegExp(`/dist/webview/${PANEL_KINDS[kind].script}\\.js"`),
        'it loads its own bundle',
      );
      assert.notEqual(webview.options.enableCommandUris, true, 'command URIs are off');
      assert.equal(webview.options.enableScripts, true);
      assert.deepEqual(
        (webview.options.localResourceRoots ?? []).map((u) => u.toString()),
        roots.map((u) => u.toString()),
        'only dist/webview and media are readable',
      );
    });
  }

  it('every webview tab in the window is a panel of a known kind, each with its own nonce', async () => {
    const ours = api.webviewPanels();
    assert.equal(new Set(ours.map((p) => p.kind)).size, PANEL_KIND_NAMES.length, 'one of each kind is open');
    const webviewTabs = (): vscode.TabInputWebview[] =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .filter((i): i is vscode.TabInputWebview => i instanceof vscode.TabInputWebview);
    // The tab model reaches the extension host by event, after the panel: wait for every panel's tab.
    await until('a tab for every open panel', () =>
      webviewTabs().length >= ours.length ? true : undefined,
    ).catch(() => undefined);
    const tabs = webviewTabs();
    assert.equal(
      tabs.length,
      ours.length,
      `every webview tab came through the panel host: ${tabs.map((t) => t.viewType).join(', ')}`,
    );
    for (const t of tabs) {
      assert.ok(
        PANEL_KIND_NAMES.some((k) => t.viewType.endsWith(PANEL_KINDS[k].viewType)),
        t.viewType,
      );
    }
    const nonces = ours.map((p) => /script-src 'nonce-([^']+)'/.exec(p.panel.webview.html)?.[1] ?? '');
    assert.equal(new Set(nonces).size, nonces.length, 'a fresh nonce per page');
  });
});
