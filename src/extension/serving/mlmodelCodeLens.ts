import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds/commandIds';

/**
 * Actions above the `flavors:` key of an MLmodel: Serve, Predict with Example, Build Docker
 * Image, Generate Dockerfile. Only in trusted workspaces, because each runs the model's code.
 * The key is found by a line scan, not a YAML parse: the lenses must appear even while the file
 * is being edited into an invalid state.
 */
export function mlmodelCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
  for (let line = 0; line < Math.min(document.lineCount, 5000); line++) {
    if (/^flavors\s*:/.test(document.lineAt(line).text)) {
      const range = new vscode.Range(line, 0, line, 0);
      const args = [document.uri];
      return [
        new vscode.CodeLens(range, {
          title: '$(play) Serve',
          command: COMMANDS.serveStart,
          arguments: args,
          tooltip: 'Serve this model locally on 127.0.0.1',
        }),
        new vscode.CodeLens(range, {
          title: 'Predict with Example',
          command: COMMANDS.predict,
          arguments: args,
        }),
        new vscode.CodeLens(range, {
          title: 'Build Docker Image',
          command: COMMANDS.buildDocker,
          arguments: args,
        }),
        new vscode.CodeLens(range, {
          title: 'Generate Dockerfile',
          command: COMMANDS.generateDockerfile,
          arguments: args,
        }),
        new vscode.CodeLens(range, { title: 'Deploy…', command: COMMANDS.deploy, arguments: args }),
      ];
    }
  }
  return [];
}
