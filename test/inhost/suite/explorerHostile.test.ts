// Hostile data in the Experiments view, in the real extension host: runs whose names, param keys
// and values, and tag keys and values are markup, Markdown command links, every C0 control
// character, a right-to-left override or 1 MB long (HOSTILE_STRINGS), served by the loopback REST
// test server and read from the same mlflow.db. Labels, descriptions and tooltips must show them as
// literal, printable, bounded text, and no tooltip may render markup or links that run commands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { ExplorerNode, NodeOf, RunSection } from '../../../src/extension/explorer/explorerNode';
import { generateRunsDb, HOSTILE_STRINGS, type GeneratedRunsDb } from '../../support/mlflow/generateRunsDb';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import { activeApi, clearTrackingUriSetting, repoRoot, waitForConnection } from './helpers';

const fixtures = (...p: string[]): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-2.17.2', ...p);

/** The marker displayText puts in place of a control character. */
const MARK = '\u241f';
/** Characters that must never reach a label: C0/C1 controls, line separators and bidi controls. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Tooltips are a few bounded lines; a 1 MB payload must not come through whole. */
const MAX_TOOLTIP_CHARS = 5_000;

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

/**
 * What a payload must look like when shown in at most `max` characters: itself when it is short
 * and printable; otherwise its printable start, with each control as the marker, ending in "…".
 */
function assertShownAsText(shown: string, payload: string, max: number, where: string): void {
  assert.ok(
    !UNSAFE.test(shown),
    `${where}: no control or bidi character in ${JSON.stringify(shown.slice(0, 60))}`,
  );
  assert.ok(shown.length <= max, `${where}: ${String(shown.length)} characters, at most ${String(max)}`);
  if (payload.length <= max && !UNSAFE.test(payload)) {
    assert.equal(shown, payload, `${where}: shown literally`);
    return;
  }
  const visible = Array.from(payload.slice(0, shown.length), (c) => (UNSAFE.test(c) ? MARK : c)).join('');
  if (shown.endsWith('…')) {
    assert.ok(
      visible.startsWith(shown.slice(0, -1)),
      `${where}: the start of the payload, cut: ${JSON.stringify(shown.slice(0, 60))}`,
    );
  } else {
    assert.equal(shown, visible, `${where}: every control shown as ${MARK}`);
  }
}

/** A tooltip that VS Code renders as inert text: untrusted, no HTML, no live Markdown link. */
function assertInertTooltip(tooltip: vscode.TreeItem['tooltip'], where: string): string {
  assert.ok(tooltip instanceof vscode.MarkdownString, `${where}: a MarkdownString tooltip`);
  assert.equal(tooltip.isTrusted, false, `${where}: untrusted`);
  assert.equal(tooltip.supportHtml, false, `${where}: no HTML`);
  assert.ok(
    tooltip.value.length <= MAX_TOOLTIP_CHARS,
    `${where}: tooltip of ${String(tooltip.value.length)} characters`,
  );
  assert.ok(!tooltip.value.includes('](command:'), `${where}: the command link is escaped`);
  assert.ok(
    !UNSAFE.test(tooltip.value.replace(/\n/g, '')),
    `${where}: no control or bidi character in the tooltip`,
  );
  return tooltip.value;
}

describe('Hostile names, keys and values in the Experiments view (real extension host)', () => {
  let tmp: string;
  let generated: GeneratedRunsDb;
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;
  let dbFile: string;

  before(async function () {
    this.timeout(120_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-hostile-'));
    dbFile = path.join(tmp, 'hostile.db');
    generated = await generateRunsDb(fixtures('sqlite', 'mlflow.db'), dbFile, {
      runs: 2,
      hostileKeys: true,
      name: 'hostile-keys',
    });
    const db = await SqliteDatabase.open(dbFile);
    tracking = new SqliteTrackingStore(db);
    const stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes });
  });

  after(async () => {
    await clearTrackingUriSetting();
    await server.close();
    tracking.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function connect(uri: string): Promise<MlflowExtensionApi> {
    const api = await activeApi();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', uri, vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.uri === uri, uri);
    await vscode.commands.executeCommand('mlflow.experiments.refresh');
    return api;
  }

  async function hostileRuns(api: MlflowExtensionApi): Promise<Map<string, NodeOf<'run'>>> {
    const tree = api.explorer.experiments;
    const exp = (await tree.getChildren()).find(
      (n) => n.kind === 'experiment' && n.experiment.experimentId === generated.experimentId,
    );
    assert.ok(exp, 'the generated experiment is listed');
    const runs = (await tree.getChildren(exp)).filter((n): n is NodeOf<'run'> => n.kind === 'run');
    const byName = new Map(runs.map((r) => [r.run.info.runName ?? '', r]));
    for (const payload of HOSTILE_STRINGS) {
      assert.ok(
        byName.has(payload),
        `the run named ${JSON.stringify(payload.slice(0, 30))} arrives with its name intact`,
      );
    }
    return byName;
  }

  async function section(
    api: MlflowExtensionApi,
    run: NodeOf<'run'>,
    name: RunSection,
  ): Promise<ExplorerNode[]> {
    const node = (await api.explorer.experiments.getChildren(run)).find(
      (n) => n.kind === 'section' && n.section === name,
    );
    assert.ok(node, `section ${name}`);
    return api.explorer.experiments.getChildren(node);
  }

  const sources: Array<[string, () => string]> = [
    ['the REST test server', () => server.baseUrl],
    ['the mlflow.db', () => `sqlite:///${dbFile}`],
  ];

  for (const [source, uri] of sources) {
    it(`shows hostile run names from ${source} as literal, printable, bounded labels and inert tooltips`, async () => {
      const api = await connect(uri());
      const runs = await hostileRuns(api);
      for (const payload of HOSTILE_STRINGS) {
        const where = `run ${JSON.stringify(payload.slice(0, 30))}`;
        const node = runs.get(payload);
        assert.ok(node);
        const item = api.explorer.experiments.getTreeItem(node);
        assertShownAsText(labelOf(item), payload, 120, `${where} label`);
        const tooltip = assertInertTooltip(item.tooltip, where);
        assert.ok(tooltip.includes(node.runId), `${where}: the tooltip still names the run id`);
        assert.ok(
          !UNSAFE.test(item.accessibilityInformation?.label ?? ''),
          `${where}: the screen-reader label is clean too`,
        );
      }
    });

    it(`shows hostile param and tag keys and values from ${source} as literal, bounded text`, async () => {
      const api = await connect(uri());
      const runs = await hostileRuns(api);
      for (const payload of HOSTILE_STRINGS) {
        const run = runs.get(payload);
        assert.ok(run);
        for (const name of ['params', 'tags'] as const) {
          const where = `${name} of ${JSON.stringify(payload.slice(0, 30))}`;
          const values = (await section(api, run, name)).filter(
            (n): n is NodeOf<'value'> => n.kind === 'value',
          );
          // the payload is the key and the value of one entry; `copy` keeps the raw value for the clipboard
          const entry = values.find((v) => v.copy === payload);
          assert.ok(entry, `${where}: the hostile entry is listed (${String(values.length)} entries)`);
          const item = api.explorer.experiments.getTreeItem(entry);
          assertShownAsText(labelOf(item), payload, 80, `${where} key`);
          assertShownAsText(String(item.description), payload, 120, `${where} value`);
          assertInertTooltip(item.tooltip, where);
        }
      }
    });
  }

  it('shows a hostile name written through the extension (rename on the REST server) as text', async () => {
    const api = await connect(server.baseUrl);
    const runs = await hostileRuns(api);
    const plain = [...runs.values()].find((r) => !HOSTILE_STRINGS.includes(r.run.info.runName ?? ''));
    assert.ok(plain);
    const payload = `<svg onload=alert(1)>\u0000\u202e${'n'.repeat(200)}`;
    assert.equal(await vscode.commands.executeCommand('mlflow.runs.rename', plain, payload), true);
    const after = (await hostileRuns(api)).get(payload);
    assert.ok(after, 'the renamed run is listed under its new name');
    const item = api.explorer.experiments.getTreeItem(after);
    assertShownAsText(labelOf(item), payload, 120, 'renamed run label');
    assert.ok(labelOf(item).startsWith(`<svg onload=alert(1)>${MARK}${MARK}n`), labelOf(item).slice(0, 40));
    assertInertTooltip(item.tooltip, 'renamed run');
  });
});
