import * as vscode from 'vscode';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { missingEnvironmentFiles } from '../../core/mlproject/missingEnvironmentFiles';
import { validateMlproject } from '../../core/mlproject/validate';
import { toDiagnostic } from './lspToVscode';
import { DocumentDebouncer } from './documentDebouncer';
import { languageDocumentEvents } from './languageDocumentEvents';

const LANGUAGE_ID = 'mlproject';
const DEBOUNCE_MS = 250;

/**
 * Keeps Problems in step with open MLproject documents: the pure validator on every change
 * (debounced), then the environment-file check through `vscode.workspace.fs`, so it works in
 * remote and virtual workspaces.
 */
export class MlprojectDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(LANGUAGE_ID);
  private readonly pending = new DocumentDebouncer();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(...languageDocumentEvents(this, DEBOUNCE_MS));
    this.revalidateAll();
  }

  /** Validate every open MLproject document now. */
  revalidateAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.schedule(document, 0);
    }
  }

  schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== LANGUAGE_ID) {
      return;
    }
    this.pending.schedule(document.uri.toString(), delay, () => {
      void this.run(document);
    });
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const text = document.getText();
    const directory = vscode.Uri.joinPath(document.uri, '..');
    const missing = await missingEnvironmentFiles(text, (relative) =>
      this.exists(vscode.Uri.joinPath(directory, ...relative.split('/'))),
    );
    const diagnostics: LspDiagnostic[] = [...validateMlproject(text), ...missing];
    // A newer edit has its own run coming; publishing this one would flash stale problems.
    if (document.isClosed || document.version !== version) {
      return;
    }
    this.collection.set(document.uri, diagnostics.map(toDiagnostic));
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch (error: unknown) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return false;
      }
      // Unknown is not missing: an unreadable location should not produce a false error.
      this.log.warn(`Could not check ${uri.toString(true)}: ${String(error)}`);
      return true;
    }
  }

  forget(uri: vscode.Uri): void {
    this.pending.cancel(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.pending.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.collection.dispose();
  }
}
