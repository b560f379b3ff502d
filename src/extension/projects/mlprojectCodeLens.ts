import * as vscode from 'vscode';
import { projectSpec } from '../../core/mlproject/entryPoints';
import { PROJECT_COMMANDS } from '../shared/commandIds/projectCommandIds';

/**
 * "▶ Run entry point" above each entry point of an MLproject (see registerTrustedCodeLenses:
 * running a project executes its code). The lens passes the file and the entry point's name; the
 * command reads the file again when it runs, so a stale lens cannot run stale parameters.
 */
export function mlprojectCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
  return projectSpec(document.getText()).entryPoints.map((entry) => {
    const start = document.positionAt(entry.keyRange.start);
    return new vscode.CodeLens(new vscode.Range(start, start), {
      title: '$(play) Run entry point',
      command: PROJECT_COMMANDS.runEntryPoint,
      arguments: [document.uri, entry.name],
      tooltip: `mlflow run -e ${entry.name}: choose its parameters, then run it in a terminal`,
    });
  });
}
