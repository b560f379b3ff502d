import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf } from '../../../src/extension/explorer/explorerNode';
import { SqliteTraceStore } from '../../../src/core/traces/sqlite/sqliteTraceStore';
import { startAdjustableTraceServer } from '../../support/mlflow/adjustableTraceServer';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { clearTrackingUriSetting, connectTo, repoRoot, until } from './helpers';

const fixture = (version: string, ...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', `mlflow-${version}`, ...p);

/** The one failed trace of the recorded 3.11.1 store's support-agent experiment. */
const ERROR_TRACE = 'tr-f73be9a00575257de08694e2c271d08a';

const children = (api: MlflowExtensionApi, node?: ExplorerNode): Promise<ExplorerNode[]> =>
  api.explorer.experiments.getChildren(node);

async function experiment(api: MlflowExtensionApi, name: string): Promise<NodeOf<'experiment'>> {
  const found = (await children(api)).find(
    (n): n is NodeOf<'experiment'> => n.kind === 'experiment' && n.experiment.name === name,
  );
  assert.ok(found, `experiment ${name} is listed`);
  return found;
}

const tracesNode = (nodes: readonly ExplorerNode[]): NodeOf<'traces'> => {
  const found = nodes.find((n): n is NodeOf<'traces'> => n.kind === 'traces');
  assert.ok(found, 'the experiment has a Traces node');
  return found;
};

/** Every trace of a Traces node: its children after a *Load more* per page. */
async function allTraces(api: MlflowExtensionApi, node: NodeOf<'traces'>): Promise<ExplorerNode[]> {
  let nodes = await children(api, node);
  for (;;) {
    const more = nodes.find((n): n is NodeOf<'tracesMore'> => n.kind === 'tracesMore');
    if (more === undefined) {
      return nodes;
    }
    await vscode.commands.executeCommand('mlflow.traces.loadMore', more);
    nodes = await children(api, node);
  }
}

const texts = (nodes: readonly ExplorerNode[]): string[] =>
  nodes.map((n) => (n.kind === 'message' ? n.text : n.kind));

const iconOf = (item: vscode.TreeItem): string | undefined =>
  item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;

/** A proxy to `target` that refuses trace searches, as a server whose token may not read traces. */
async function refusingTraces(target: string): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/3.0/mlflow/traces/search')) {
      res
        .writeHead(403, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error_code: 'PERMISSION_DENIED', message: 'No permission to read traces.' }));
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('Traces in the Experiments view (real extension host)', () => {
  const disposers: Array<() => void | Promise<void>> = [];

  before(async () => {
    // Pages of 10, so that the 43 recorded traces take five pages and four *Load more*s.
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', 10, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('runs.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await clearTrackingUriSetting();
    for (const d of disposers) {
      await d();
    }
  });

  it('lists the 43 traces of the 3.11.1 GenAI experiment under a Traces node shown first, over pages', async () => {
    const api = await connectTo(`sqlite:///${fixture('3.11.1', 'sqlite', 'mlflow.db')}`);
    const top = await children(api, await experiment(api, 'support-agent'));
    assert.equal(top[0]?.kind, 'traces', 'a GenAI experiment shows its traces first');
    const node = tracesNode(top);
    assert.equal(labelOf(api.explorer.experiments.getTreeItem(node)), 'Traces');

    let nodes = await children(api, node);
    let pages = 1;
    for (;;) {
      const more = nodes.find((n): n is NodeOf<'tracesMore'> => n.kind === 'tracesMore');
      if (more === undefined) {
        break;
      }
      assert.equal(more.loaded, pages * 10);
      await vscode.commands.executeCommand('mlflow.traces.loadMore', more);
      nodes = await children(api, node);
      pages++;
    }
    const traces = nodes.filter((n): n is NodeOf<'trace'> => n.kind === 'trace');
    assert.equal(traces.length, 43);
    assert.equal(pages, 5);
    assert.equal(new Set(traces.map((t) => t.traceId)).size, 43, 'no trace twice');
    const times = traces.map((t) => t.info.requestTimeMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );

    const items = traces.map((t) => api.explorer.experiments.getTreeItem(t));
    const failed = traces.findIndex((t) => t.traceId === ERROR_TRACE);
    assert.ok(failed >= 0, 'the ERROR trace is listed');
    assert.equal(iconOf(items[failed] ?? new vscode.TreeItem('')), 'error');
    assert.ok(items.filter((_, i) => i !== failed).every((i) => iconOf(i) === 'pass'));
    assert.ok(
      items.some((i) => typeof i.description === 'string' && /\d tokens/.test(i.description)),
      'a description carries the token count',
    );
    assert.ok(items.every((i) => i.contextValue === 'mlflow.trace'));
    const tooltip = items[failed]?.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    // appendText escapes Markdown and keeps spaces as &nbsp;: read it back as the text it shows.
    const shown = tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(shown.includes(`Trace ID: ${ERROR_TRACE}`), shown);
    assert.ok(shown.includes('State: error'), shown);

    // A click on a trace opens its panel, for the connection's own trace store.
    const click = items[failed]?.command;
    assert.equal(click?.command, 'mlflow.traces.open');
    assert.deepEqual(click.arguments, [ERROR_TRACE]);
    const panel = await vscode.commands.executeCommand<{ traceId: string; whenLoaded(): Promise<void> }>(
      click.command,
      ...(click.arguments ?? []),
    );
    assert.equal(panel.traceId, ERROR_TRACE);
    await panel.whenLoaded();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const copied = await vscode.commands.executeCommand<string>('mlflow.traces.copyId', traces[0]);
    assert.equal(copied, traces[0]?.traceId);
    assert.equal(await vscode.env.clipboard.readText(), traces[0]?.traceId);
  });

  it('shows a classic experiment\'s Traces node after its runs, saying "No traces"', async () => {
    const api = await connectTo(`sqlite:///${fixture('3.11.1', 'sqlite', 'mlflow.db')}`);
    const top = await children(api, await experiment(api, 'churn-prediction'));
    assert.ok(top.some((n) => n.kind === 'run'));
    assert.equal(top.at(-1)?.kind, 'traces', 'after the runs');
    assert.deepEqual(texts(await children(api, tracesNode(top))), ['No traces']);
  });

  it('says "This server has no traces" for a server without trace routes (HTML 404), not an error', async () => {
    const db = await SqliteDatabase.open(fixture('2.17.2', 'sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db);
    const server: MlflowTestServer = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    disposers.push(
      () => server.close(),
      () => {
        tracking.dispose();
      },
    );
    const api = await connectTo(server.baseUrl);
    const top = await children(api, await experiment(api, 'iris-classification'));
    const nodes = await children(api, tracesNode(top));
    assert.deepEqual(texts(nodes), ['This server has no traces']);
    assert.equal(nodes[0]?.kind === 'message' ? nodes[0].severity : undefined, 'info');
  });

  it("shows a refused trace search as the explorer's error node, whose click retries", async () => {
    const db = await SqliteDatabase.open(fixture('2.17.2', 'sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db);
    const server = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    const proxy = await refusingTraces(server.baseUrl);
    disposers.push(
      () => proxy.close(),
      () => server.close(),
      () => {
        tracking.dispose();
      },
    );
    const api = await connectTo(proxy.baseUrl);
    const top = await children(api, await experiment(api, 'iris-classification'));
    const nodes = await children(api, tracesNode(top));
    assert.equal(nodes.length, 1);
    const error = nodes[0];
    assert.ok(error?.kind === 'message' && error.severity === 'error' && error.retry);
    const item = api.explorer.experiments.getTreeItem(error);
    assert.equal(item.command?.command, 'mlflow.experiments.refresh');
    assert.equal(item.contextValue, 'mlflow.error');
  });
});

describe('Trace filter, sessions and in-progress traces in the Experiments view (real extension host)', () => {
  const disposers: Array<() => void | Promise<void>> = [];

  after(async () => {
    await clearTrackingUriSetting();
    for (const d of disposers) {
      await d();
    }
  });

  /** The 3.11.1 store behind the MLflow test server, its trace routes answered by an adjustable server. */
  async function adjustableServer(): Promise<Awaited<ReturnType<typeof startAdjustableTraceServer>>> {
    const db = await SqliteDatabase.open(fixture('3.11.1', 'sqlite', 'mlflow.db'));
    const tracking = new SqliteTrackingStore(db);
    const traceStore = new SqliteTraceStore(db);
    const upstream = await startMlflowTestServer(tracking, new SqliteRegistryStore(db));
    const server = await startAdjustableTraceServer(traceStore, upstream.baseUrl);
    disposers.push(
      () => server.close(),
      () => upstream.close(),
      () => {
        tracking.dispose();
      },
    );
    return server;
  }

  it("filters a local store's traces by status, says so on the node, and clears the filter", async () => {
    const api = await connectTo(`sqlite:///${fixture('3.11.1', 'sqlite', 'mlflow.db')}`);
    const node = tracesNode(await children(api, await experiment(api, 'support-agent')));
    await children(api, node);
    const changes: string[] = [];
    const listening = api.explorer.experiments.onDidChangeTreeData((n) => {
      changes.push(n?.id ?? 'root');
    });
    try {
      const applied = await vscode.commands.executeCommand(
        'mlflow.traces.filter',
        node,
        "trace.status = 'ERROR'",
      );
      assert.equal(applied, "trace.status = 'ERROR'");
      const filtered = await children(api, node);
      assert.deepEqual(
        filtered.map((n) => (n.kind === 'trace' ? n.traceId : n.kind)),
        [ERROR_TRACE],
        'only the failed trace, and no Load more',
      );
      // One redraw for the new filter; the first page it loads answers the waiting request only.
      assert.deepEqual(changes, [node.id]);
    } finally {
      listening.dispose();
    }
    const item = api.explorer.experiments.getTreeItem(node);
    assert.equal(item.description, "filter: trace.status = 'ERROR'");
    assert.equal(item.contextValue, 'mlflow.traces.filtered');

    await vscode.commands.executeCommand('mlflow.traces.filter', node, "tags.channel = 'no-such-channel'");
    assert.deepEqual(texts(await children(api, node)), ['No traces match the filter']);

    await vscode.commands.executeCommand('mlflow.traces.clearFilter', node);
    const all = await children(api, node);
    assert.equal(all.filter((n) => n.kind === 'trace').length, 43, 'every trace again');
    assert.equal(api.explorer.experiments.getTreeItem(node).description, undefined);
    assert.equal(api.explorer.experiments.getTreeItem(node).contextValue, 'mlflow.traces');
  });

  it('groups the loaded traces under their sessions, with counts, and "No session" last', async () => {
    const api = await connectTo(`sqlite:///${fixture('3.11.1', 'sqlite', 'mlflow.db')}`);
    const node = tracesNode(await children(api, await experiment(api, 'support-agent')));
    await allTraces(api, node);
    await vscode.commands.executeCommand('mlflow.traces.groupBySession', node);
    const groups = (await children(api, node)).filter(
      (n): n is NodeOf<'traceSession'> => n.kind === 'traceSession',
    );
    const look = groups.map((g) => {
      const item = api.explorer.experiments.getTreeItem(g);
      return `${labelOf(item)}: ${String(item.description)}`;
    });
    // The recorded store: 8 sessions over 28 traces, 15 traces without one.
    assert.equal(groups.length, 9, look.join('\n'));
    assert.ok(look.includes('sess-c04e12: 5 traces'), look.join('\n'));
    assert.ok(look.includes('sess-debug: 1 trace'), look.join('\n'));
    assert.equal(look.at(-1), 'No session: 15 traces');
    const session = groups.find((g) => g.sessionId === 'sess-c04e12');
    assert.ok(session);
    const inSession = await children(api, session);
    assert.equal(inSession.length, 5);
    assert.ok(inSession.every((n) => n.kind === 'trace' && n.info.sessionId === 'sess-c04e12'));
    assert.equal(api.explorer.experiments.getParent(inSession[0] ?? node)?.id, session.id);
    assert.equal(api.explorer.experiments.getTreeItem(node).contextValue, 'mlflow.traces.grouped');

    await vscode.commands.executeCommand('mlflow.traces.ungroup', node);
    assert.ok((await children(api, node)).every((n) => n.kind === 'trace'));
  });

  it('redraws the Traces node for a filter set while its first page is on its way, then lists the filtered traces', async () => {
    const server = await adjustableServer();
    const api = await connectTo(server.baseUrl);
    const node = tracesNode(await children(api, await experiment(api, 'support-agent')));
    let open = (): void => undefined;
    server.searchGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const changes: string[] = [];
    const listening = api.explorer.experiments.onDidChangeTreeData((n) => {
      changes.push(n?.id ?? 'root');
    });
    try {
      // Expanded: the server holds its first page.
      const waiting = children(api, node);
      await until('the search to reach the server', () => (server.filters.length > 0 ? true : undefined));
      await vscode.commands.executeCommand('mlflow.traces.filter', node, "trace.status = 'ERROR'");
      assert.deepEqual(changes, [node.id], 'the node is redrawn for its new filter');
      server.searchGate = undefined;
      open();
      const nodes = await waiting;
      assert.deepEqual(
        nodes.map((n) => (n.kind === 'trace' ? n.traceId : n.kind)),
        [ERROR_TRACE],
        'the request that waited answers with the filtered list, not the cancelled page',
      );
      assert.deepEqual(changes, [node.id], "the filtered page's arrival redraws nothing more");
      assert.equal(api.explorer.experiments.getTreeItem(node).description, "filter: trace.status = 'ERROR'");
    } finally {
      listening.dispose();
      server.searchGate = undefined;
      open();
    }
    await vscode.commands.executeCommand('mlflow.traces.clearFilter', node);
  });

  it('sends the filter to a server, and shows its refusal as a node that reopens the filter', async () => {
    const server = await adjustableServer();
    const api = await connectTo(server.baseUrl);
    const node = tracesNode(await children(api, await experiment(api, 'support-agent')));
    // The server's store cannot filter on spans: it answers 400 INVALID_PARAMETER_VALUE.
    const refused = "span.type = 'TOOL'";
    await vscode.commands.executeCommand('mlflow.traces.filter', node, refused);
    const nodes = await children(api, node);
    assert.ok(server.filters.includes(refused), 'the filter went to traces/search');
    assert.equal(nodes.length, 1);
    const error = nodes[0];
    assert.ok(error?.kind === 'message' && error.severity === 'error', texts(nodes).join());
    assert.match(error.text, /^The server rejected the filter: /);
    const item = api.explorer.experiments.getTreeItem(error);
    assert.equal(item.contextValue, 'mlflow.error.filter');
    assert.equal(item.command?.command, 'mlflow.traces.filter');
    assert.equal((item.command.arguments?.[0] as ExplorerNode | undefined)?.id, node.id);
    await vscode.commands.executeCommand('mlflow.traces.clearFilter', node);
  });

  it('re-reads an IN_PROGRESS trace while the view is visible and redraws it once it finished', async function () {
    this.timeout(120_000);
    const server = await adjustableServer();
    server.overrides.set(ERROR_TRACE, { state: 'IN_PROGRESS', executionDurationMs: undefined });
    const api = await connectTo(server.baseUrl);
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await until('the Experiments view to be visible', () =>
      api.explorer.experimentsView.visible ? true : undefined,
    );
    const node = tracesNode(await children(api, await experiment(api, 'support-agent')));
    await vscode.commands.executeCommand('mlflow.traces.filter', node, "trace.status = 'ERROR'");
    const first = (await children(api, node)).find((n): n is NodeOf<'trace'> => n.kind === 'trace');
    assert.equal(first?.info.state, 'IN_PROGRESS');
    assert.equal(iconOf(api.explorer.experiments.getTreeItem(first)), 'sync~spin');
    await until('the poll to start', () => (api.explorer.poller.active ? true : undefined));

    const redrawn = new Promise<void>((resolve) => {
      const listening = api.explorer.experiments.onDidChangeTreeData((n) => {
        if (n?.id === node.id) {
          listening.dispose();
          resolve();
        }
      });
    });
    server.overrides.set(ERROR_TRACE, { state: 'ERROR', executionDurationMs: 4321 });
    await redrawn;
    assert.ok(server.infoReads.includes(ERROR_TRACE), 'the trace was re-read by id');
    const fresh = (await children(api, node)).find((n): n is NodeOf<'trace'> => n.kind === 'trace');
    assert.equal(fresh?.info.state, 'ERROR');
    const item = api.explorer.experiments.getTreeItem(fresh);
    assert.equal(iconOf(item), 'error');
    assert.match(String(item.description), /^4\.3 s/);
    await until('the poll to stop with nothing in progress', () =>
      api.explorer.poller.active ? undefined : true,
    );
    await vscode.commands.executeCommand('mlflow.traces.clearFilter', node);
  });
});

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
