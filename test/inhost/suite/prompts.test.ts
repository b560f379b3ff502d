import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AliasPrompt } from '../../../src/core/explorer/aliasPrompt';
import { SqliteRegistryStore } from '../../../src/core/registry/sqliteRegistryStore';
import { SqliteDatabase } from '../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../src/core/tracking/sqlite/sqliteTrackingStore';
import type { MlflowExtensionApi } from '../../../src/extension/api';
import type { PromptNode } from '../../../src/extension/prompts';
import { startMlflowTestServer, type MlflowTestServer } from '../../support/mlflow/mlflowTestServer';
import { overlayStores } from '../../support/mlflow/writableOverlay';
import { closeEditorsAndDisconnect, connectTo, repoRoot, until } from './helpers';

type Of<K extends PromptNode['kind']> = Extract<PromptNode, { kind: K }>;

const DB = (): string =>
  path.join(repoRoot().fsPath, 'test', 'fixtures', 'mlflow-3.11.1', 'sqlite', 'mlflow.db');

/** The trace that loaded `summarize-ticket@production` (version 2) in the recorded data set. */
const PROMPT_TRACE = 'tr-a9329f5255bb62b9f80492865ab99208';

async function prompt(api: MlflowExtensionApi, name: string): Promise<Of<'prompt'>> {
  const found = (await api.prompts.tree.getChildren()).find(
    (n): n is Of<'prompt'> => n.kind === 'prompt' && n.prompt.name === name,
  );
  assert.ok(found, `prompt ${name} is listed`);
  return found;
}

async function versions(api: MlflowExtensionApi, name: string): Promise<Array<Of<'promptVersion'>>> {
  return (await api.prompts.tree.getChildren(await prompt(api, name))).filter(
    (n): n is Of<'promptVersion'> => n.kind === 'promptVersion',
  );
}

async function version(api: MlflowExtensionApi, name: string, v: string): Promise<Of<'promptVersion'>> {
  const found = (await versions(api, name)).find((n) => n.version.version === v);
  assert.ok(found, `${name} version ${v}`);
  return found;
}

const aliasesOf = async (api: MlflowExtensionApi, name: string): Promise<string[]> =>
  (await versions(api, name)).map((v) => `${v.version.version}:${v.version.aliases.join(',')}`);

describe('Prompts view (real extension host, REST over the recorded 3.11.1 store)', () => {
  let server: MlflowTestServer;
  let tracking: SqliteTrackingStore;

  before(async () => {
    const db = await SqliteDatabase.open(DB());
    tracking = new SqliteTrackingStore(db);
    const stores = overlayStores(tracking, new SqliteRegistryStore(db));
    server = await startMlflowTestServer(stores.tracking, stores.registry, { writes: stores.writes });
  });

  after(async () => {
    await closeEditorsAndDisconnect();
    await server.close();
    tracking.dispose();
  });

  it("lists the prompts, their versions newest first with aliases, and each version's details", async () => {
    const api = await connectTo(server.baseUrl);
    const top = await api.prompts.tree.getChildren();
    assert.deepEqual(
      top.map((n) => (n.kind === 'prompt' ? n.prompt.name : n.kind)),
      ['qa-with-context', 'summarize-ticket', 'support-system-prompt'],
      'the prompts, and no registered model among them',
    );
    const item = api.prompts.tree.getTreeItem(await prompt(api, 'support-system-prompt'));
    assert.equal(item.description, '@production→v2 @staging→v3');
    assert.deepEqual(await aliasesOf(api, 'support-system-prompt'), ['3:staging', '2:production', '1:']);

    const v2 = await version(api, 'support-system-prompt', '2');
    const row = api.prompts.tree.getTreeItem(v2);
    assert.equal(row.label, 'Version 2');
    assert.equal(row.description, '@production · text · Be concise; cite sources');
    assert.equal(row.contextValue, 'mlflow.promptVersion.aliased');
    assert.equal(row.command?.command, 'mlflow.prompts.openTemplate');
    const details = (await api.prompts.tree.getChildren(v2)).map((n) => api.prompts.tree.getTreeItem(n));
    assert.deepEqual(
      details.map((d) => [d.label, d.description]),
      [
        ['Type', 'text'],
        ['Commit message', 'Be concise; cite sources'],
        ['Variables', 'agent_name, company'],
        ['Model config', '{"model_name":"gpt-4o-mini","temperature":0.2,"max_tokens":400}'],
        ['Tags', 'author=bob'],
      ],
    );
    const chat = await version(api, 'summarize-ticket', '2');
    const chatDetails = (await api.prompts.tree.getChildren(chat)).map((n) =>
      api.prompts.tree.getTreeItem(n),
    );
    assert.equal(chatDetails[0]?.description, 'chat');
    assert.match(String(chatDetails.find((d) => d.label === 'Response format')?.description), /"sentiment"/);
  });

  it('opens a chat template as a read-only mlflow-prompt document', async () => {
    const api = await connectTo(server.baseUrl);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
      'mlflow.prompts.openTemplate',
      await version(api, 'summarize-ticket', '2'),
    );
    assert.equal(doc.languageId, 'mlflow-prompt');
    assert.equal(doc.uri.scheme, 'mlflow-prompt');
    assert.equal(
      doc.getText(),
      "## system\n\nYou summarize support tickets in at most {{ max_words }} words. Include the customer's sentiment.\n\n## user\n\nTicket:\n{{ ticket }}\n",
    );
    await until('the template editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString()),
    );
    assert.equal(vscode.workspace.fs.isWritableFileSystem('mlflow-prompt'), false, 'read-only');
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, new TextEncoder().encode('x'))),
      /read-?only|NoPermissions|permission/i,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('diffs two versions in the diff editor, the older on the left', async () => {
    const api = await connectTo(server.baseUrl);
    const diff = await vscode.commands.executeCommand<{ left: vscode.Uri; right: vscode.Uri; title: string }>(
      'mlflow.prompts.compareVersions',
      await version(api, 'support-system-prompt', '3'),
      '1',
    );
    assert.equal(diff.title, 'support-system-prompt: version 1 ↔ version 3');
    const tab = await until('the diff tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputTextDiff && t.label === diff.title),
    );
    const input = tab.input as vscode.TabInputTextDiff;
    const [left, right] = await Promise.all([
      vscode.workspace.openTextDocument(input.original),
      vscode.workspace.openTextDocument(input.modified),
    ]);
    assert.equal(left.getText(), 'You are {{ agent_name }}, a support assistant for {{ company }}.\n');
    assert.match(right.getText(), /^You are \{\{ agent_name \}\} for \{\{ company \}\}\. Answer in/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('copies prompts:/name/version and prompts:/name@alias', async () => {
    const api = await connectTo(server.baseUrl);
    const v2 = await version(api, 'support-system-prompt', '2');
    assert.equal(
      await vscode.commands.executeCommand('mlflow.prompts.copyUri', v2, 'version'),
      'prompts:/support-system-prompt/2',
    );
    assert.equal(await vscode.env.clipboard.readText(), 'prompts:/support-system-prompt/2');
    assert.equal(
      await vscode.commands.executeCommand('mlflow.prompts.copyUri', v2, 'production'),
      'prompts:/support-system-prompt@production',
    );
    assert.equal(await vscode.env.clipboard.readText(), 'prompts:/support-system-prompt@production');
    // A version without aliases has one URI: it is copied without a question.
    assert.equal(
      await vscode.commands.executeCommand(
        'mlflow.prompts.copyUri',
        await version(api, 'support-system-prompt', '1'),
      ),
      'prompts:/support-system-prompt/1',
    );
  });

  it('moves an alias after the confirmation that names its holder, and deletes one', async () => {
    const api = await connectTo(server.baseUrl);
    const asked: AliasPrompt[] = [];
    const decline = (p: AliasPrompt): boolean => {
      asked.push(p);
      return false;
    };
    const v1 = await version(api, 'support-system-prompt', '1');
    assert.equal(
      await vscode.commands.executeCommand('mlflow.prompts.setAlias', v1, 'production', decline),
      false,
    );
    assert.deepEqual(asked, [
      {
        message: 'Move @production of support-system-prompt from version 2 to version 1?',
        detail: 'Anything loading prompts:/support-system-prompt@production will get version 1.',
      },
    ]);
    assert.deepEqual(
      await aliasesOf(api, 'support-system-prompt'),
      ['3:staging', '2:production', '1:'],
      'declined',
    );

    const accept = (p: AliasPrompt): boolean => {
      asked.push(p);
      return true;
    };
    assert.equal(
      await vscode.commands.executeCommand('mlflow.prompts.setAlias', v1, 'production', accept),
      true,
    );
    assert.deepEqual(await aliasesOf(api, 'support-system-prompt'), ['3:staging', '2:', '1:production']);
    assert.match(
      String(api.prompts.tree.getTreeItem(await version(api, 'support-system-prompt', '1')).description),
      /^@production · text/,
    );

    const v3 = await version(api, 'support-system-prompt', '3');
    assert.equal(
      await vscode.commands.executeCommand('mlflow.prompts.deleteAlias', v3, 'staging', accept),
      true,
    );
    assert.deepEqual(asked.at(-1), {
      message: 'Delete @staging from support-system-prompt? It now points to version 3.',
      detail:
        'Anything loading prompts:/support-system-prompt@staging will fail until the alias is set again.',
    });
    assert.deepEqual(await aliasesOf(api, 'support-system-prompt'), ['3:', '2:', '1:production']);
  });
});

describe('Prompts view over the recorded 3.11.1 mlflow.db', () => {
  after(async () => {
    await closeEditorsAndDisconnect();
  });

  it('lists the same prompts, and opens the trace that used a version from a quick pick', async () => {
    const api = await connectTo(`sqlite:///${DB()}`);
    assert.deepEqual(await aliasesOf(api, 'summarize-ticket'), ['2:production', '1:']);
    let offered: string[] = [];
    const result = await vscode.commands.executeCommand<{ traceIds: string[]; opened: unknown }>(
      'mlflow.prompts.showTraces',
      await version(api, 'summarize-ticket', '2'),
      (items: ReadonlyArray<{ traceId: string; label: string }>) => {
        offered = items.map((i) => i.label);
        return items[0];
      },
    );
    assert.deepEqual(result.traceIds, [PROMPT_TRACE]);
    assert.equal(offered.length, 1);
    const panel = result.opened as { traceId: string; whenLoaded(): Promise<void> };
    assert.equal(panel.traceId, PROMPT_TRACE);
    await panel.whenLoaded();
    const none = await vscode.commands.executeCommand<{ traceIds: string[] }>(
      'mlflow.prompts.showTraces',
      await version(api, 'summarize-ticket', '1'),
      () => undefined,
    );
    assert.deepEqual(none.traceIds, []);
  });
});
