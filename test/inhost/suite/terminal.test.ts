import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, clearTrackingUriSetting, waitForConnection, workspaceRoot } from './helpers';

/** Open a real terminal (a pty on the server), print MLFLOW_TRACKING_URI into a file, read it back. */
async function trackingUriSeenByNewTerminal(): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-term-')), 'uri.txt');
  const terminal = vscode.window.createTerminal({ name: 'mlflow-env-probe', shellPath: '/bin/sh' });
  try {
    terminal.sendText(
      `printf '%s' "\${MLFLOW_TRACKING_URI-unset}" > '${out}.tmp' && mv '${out}.tmp' '${out}'`,
    );
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(out)) {
      if (Date.now() > deadline) {
        throw new Error('the terminal never wrote its environment');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return fs.readFileSync(out, 'utf8');
  } finally {
    terminal.dispose();
  }
}

describe('integrated terminals (real pty)', () => {
  afterEach(async () => {
    await clearTrackingUriSetting();
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('terminal.injectTrackingUri', undefined, vscode.ConfigurationTarget.Global);
  });

  it('get the active connection as MLFLOW_TRACKING_URI, absolute and without credentials', async () => {
    const api = await activeApi();
    await api.discovered;
    await waitForConnection(
      api,
      (s) => s.status === 'ready' && s.source === 'workspace',
      'the workspace store',
    );
    const local = await trackingUriSeenByNewTerminal();
    assert.equal(local, `sqlite:///${vscode.Uri.joinPath(workspaceRoot(), 'mlflow.db').fsPath}`);

    await vscode.workspace
      .getConfiguration('mlflow')
      .update('trackingUri', 'https://alice@mlflow.example.com/team/', vscode.ConfigurationTarget.Workspace);
    await waitForConnection(api, (s) => s.status === 'ready' && s.target.kind === 'rest', 'the server');
    assert.equal(await trackingUriSeenByNewTerminal(), 'https://mlflow.example.com/team');
  });

  it('are left alone when mlflow.terminal.injectTrackingUri is off', async () => {
    await vscode.workspace
      .getConfiguration('mlflow')
      .update('terminal.injectTrackingUri', false, vscode.ConfigurationTarget.Global);
    assert.equal(await trackingUriSeenByNewTerminal(), 'unset');
  });
});
