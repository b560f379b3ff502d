import type * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds/commandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { openDocs } from './openDocs';
import { showLogs } from './showLogs';

/** The MLflow log channel and the documentation. */
export function registerHelp(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  registerReported(context, log, {
    [COMMANDS.showLogs]: () => {
      showLogs(log);
    },
    [COMMANDS.openDocs]: () => openDocs(),
  });
}
