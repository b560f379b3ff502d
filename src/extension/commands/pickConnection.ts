import * as vscode from 'vscode';
import { redactUri } from '../../core/connection/trackingUri';
import { saveTrackingUri, trackingUriSetting } from '../config';
import type { ConnectionManager } from '../connection/connectionManager';
import { connectionLabel } from '../connection/connectionState';
import { COMMANDS } from './commandIds';

interface Choice extends vscode.QuickPickItem {
  readonly run: () => Thenable<unknown>;
}

/** The status bar's menu: connect, open a local store, fall back to the environment, or inspect. */
export async function pickConnection(connections: ConnectionManager): Promise<void> {
  const state = connections.state;
  const choices: Choice[] = [
    {
      label: '$(plug) Connect to Tracking Server…',
      detail: 'An MLflow server, Databricks or Azure Machine Learning',
      run: () => vscode.commands.executeCommand(COMMANDS.connectServer),
    },
    {
      label: '$(database) Open Local Store…',
      detail: 'An mlflow.db file or an mlruns folder (read-only)',
      run: () => vscode.commands.executeCommand(COMMANDS.openLocalStore),
    },
  ];
  const env = process.env.MLFLOW_TRACKING_URI?.trim();
  if (trackingUriSetting() !== '') {
    choices.push({
      label: '$(discard) Stop Using the mlflow.trackingUri Setting',
      detail: env
        ? `Fall back to MLFLOW_TRACKING_URI (${redactUri(env)})`
        : 'Fall back to a store found in the workspace, if any',
      run: () => saveTrackingUri(undefined),
    });
  }
  choices.push(
    {
      label: '$(info) Show Connection Details',
      run: () => vscode.commands.executeCommand(COMMANDS.showConnectionDetails),
    },
    { label: '$(output) Show MLflow Logs', run: () => vscode.commands.executeCommand(COMMANDS.showLogs) },
  );
  const picked = await vscode.window.showQuickPick(choices, {
    title: `MLflow: ${connectionLabel(state)}`,
    placeHolder: 'Choose where MLflow data comes from',
  });
  await picked?.run();
}
