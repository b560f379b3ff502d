import * as vscode from 'vscode';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { codeActions, type MlmodelCodeAction } from '../../core/mlmodel/codeActions';
import { pythonEnvFromConda } from '../../core/mlmodel/pythonEnvFromConda';
import { modelDirectory, type MlmodelDiagnostics } from './mlmodelDiagnostics';
import { toRange, toTextEdit } from './lspToVscode';

function sameDiagnostic(a: vscode.Diagnostic, b: LspDiagnostic): boolean {
  return a.code === b.code && a.range.isEqual(toRange(b.range));
}

/** Quick fixes computed by the core language service, turned into VS Code code actions. */
export class MlmodelCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: MlmodelDiagnostics,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const relevant = this.diagnostics
      .lspDiagnostics(document)
      .filter(
        (d) =>
          toRange(d.range).intersection(range) !== undefined &&
          context.diagnostics.some((v) => sameDiagnostic(v, d)),
      );
    const actions = codeActions(document.getText(), relevant);
    const result = await Promise.all(actions.map((action) => this.toCodeAction(document, action, context)));
    return result.filter((a): a is vscode.CodeAction => a !== undefined);
  }

  private async toCodeAction(
    document: vscode.TextDocument,
    action: MlmodelCodeAction,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction | undefined> {
    const result = new vscode.CodeAction(action.title, vscode.CodeActionKind.QuickFix);
    result.diagnostics = context.diagnostics.filter((v) => sameDiagnostic(v, action.diagnostic));
    result.isPreferred = action.isPreferred;
    const edit = new vscode.WorkspaceEdit();
    if (action.createPythonEnv) {
      const directory = modelDirectory(document.uri);
      const contents = await this.pythonEnv(
        vscode.Uri.joinPath(directory, ...action.createPythonEnv.condaPath.split('/')),
      );
      if (contents === undefined) {
        return undefined;
      }
      // Create, then insert: `createFile({ contents })` does not survive the trip to the workbench
      // in code-server 1.100 ("Could not revive data transfer file").
      const target = vscode.Uri.joinPath(directory, ...action.createPythonEnv.target.split('/'));
      edit.createFile(target, { ignoreIfExists: true });
      edit.insert(target, new vscode.Position(0, 0), contents);
    }
    edit.set(document.uri, action.edits.map(toTextEdit));
    result.edit = edit;
    return result;
  }

  private async pythonEnv(conda: vscode.Uri): Promise<string | undefined> {
    try {
      return pythonEnvFromConda(new TextDecoder().decode(await vscode.workspace.fs.readFile(conda)));
    } catch (error: unknown) {
      this.log.warn(`Cannot read ${conda.toString(true)} to write python_env.yaml: ${String(error)}`);
      return undefined;
    }
  }
}
