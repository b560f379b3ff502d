import * as vscode from 'vscode';

/** What a language's diagnostics do when its documents or the files beside them change. */
export interface DocumentEventHandlers {
  /** Check a document after `delay` ms (0 on open, debounced while typing). */
  schedule(document: vscode.TextDocument, delay: number): void;
  /** Drop what was published for a closed document. */
  forget(uri: vscode.Uri): void;
  /** Check every open document again: a file it names may have appeared or vanished. */
  revalidateAll(): void;
}

/**
 * The editor and file events both the MLmodel and the MLproject diagnostics follow, as
 * disposables for the caller to own: open and change schedule a check, close forgets, and any
 * file created, deleted or renamed in the workspace re-checks what is open (a quick fix may have
 * just created the environment file a document names).
 */
export function languageDocumentEvents(
  handlers: DocumentEventHandlers,
  debounceMs: number,
): vscode.Disposable[] {
  const revalidate = (): void => {
    handlers.revalidateAll();
  };
  return [
    vscode.workspace.onDidOpenTextDocument((d) => {
      handlers.schedule(d, 0);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      handlers.schedule(e.document, debounceMs);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      handlers.forget(d.uri);
    }),
    vscode.workspace.onDidCreateFiles(revalidate),
    vscode.workspace.onDidDeleteFiles(revalidate),
    vscode.workspace.onDidRenameFiles(revalidate),
  ];
}
