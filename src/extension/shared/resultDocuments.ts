import * as vscode from 'vscode';

/**
 * Read-only documents for a command's output (Predict with Example's predictions). An untitled
 * document would be dirty, named after its first line, and ask to be saved on close; these are
 * named by the command and close without a question.
 */
export const RESULT_DOC_SCHEME = 'mlflow-result';

const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/** Serves the texts {@link openResultDocument} put aside; registered once by the extension. */
export const resultDocuments: vscode.TextDocumentContentProvider = {
  onDidChange: changed.event,
  provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
};

/** Forget a result once its document is closed, and all of them on deactivation. */
export function forgetClosedResults(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === RESULT_DOC_SCHEME) {
        contents.delete(doc.uri.toString());
      }
    }),
    {
      dispose: () => {
        contents.clear();
      },
    },
  );
}

/** Show `text` in a read-only editor titled `title` (its extension picks the language). */
export async function openResultDocument(title: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: RESULT_DOC_SCHEME, path: `/${title.replace(/[/\\]+/g, '-')}` });
  const key = uri.toString();
  contents.set(key, text);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (open !== undefined && open.getText() !== text) {
    // Still open from an earlier run: VS Code asks for the text again once told it changed.
    const updated = new Promise<void>((resolve) => {
      const done = (): void => {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key) {
          done();
        }
      });
      const timer = setTimeout(done, 2000);
    });
    changed.fire(uri);
    await updated;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}
