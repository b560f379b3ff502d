import * as vscode from 'vscode';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { missingFileDiagnostic } from '../../core/mlmodel/missingFileDiagnostic';
import { referencedFiles, type FileReference } from '../../core/mlmodel/referencedFiles';
import type { InterpreterVersion } from '../../core/cli/interpreterVersion';
import { validate, type ValidateOptions } from '../../core/mlmodel/validate';
import { toDiagnostic } from './lspToVscode';
import { DocumentDebouncer } from './documentDebouncer';
import { languageDocumentEvents } from './languageDocumentEvents';

const LANGUAGE_ID = 'mlmodel';
const DEBOUNCE_MS = 250;

/** The directory holding a document: the base of the relative paths an MLmodel names. */
export function modelDirectory(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/**
 * Keeps Problems in step with open MLmodel documents: the pure validator on every change
 * (debounced), then the referenced-file check through `vscode.workspace.fs`, so it works in
 * remote and virtual workspaces. The LSP diagnostics (which carry quick-fix data that VS Code's
 * diagnostics cannot) are kept per document for the code action provider.
 */
export class MlmodelDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(LANGUAGE_ID);
  private readonly pending = new DocumentDebouncer();
  private readonly latest = new Map<string, { version: number; diagnostics: LspDiagnostic[] }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private interpreterAsked = false;

  /** `interpreter` supplies the selected Python's version for the python_version hint, when given. */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly interpreter?: InterpreterVersion,
  ) {
    this.subscriptions.push(
      ...languageDocumentEvents(this, DEBOUNCE_MS),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('mlflow.pythonPath') ||
          e.affectsConfiguration('python.defaultInterpreterPath')
        ) {
          this.interpreterChanged();
        } else if (e.affectsConfiguration('mlflow.mlmodel')) {
          this.revalidateAll();
        }
      }),
      // The interpreter is only asked in a trusted workspace (its path may come from workspace settings).
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.interpreterChanged();
      }),
    );
    this.revalidateAll();
  }

  /** The LSP diagnostics last published for a document, if they match its current version. */
  lspDiagnostics(document: vscode.TextDocument): LspDiagnostic[] {
    const entry = this.latest.get(document.uri.toString());
    return entry?.version === document.version
      ? entry.diagnostics
      : validate(document.getText(), this.validateOptions());
  }

  /** Validate every open MLmodel document now. */
  revalidateAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.schedule(document, 0);
    }
  }

  /** Forget the interpreter version and check open documents again with the new one. */
  private interpreterChanged(): void {
    this.interpreter?.reset();
    this.interpreterAsked = false;
    this.revalidateAll();
  }

  /**
   * Options for the core validator. The interpreter is asked lazily, on the first validation, and
   * not awaited (spawning Python can take seconds): documents are checked again once it answers.
   */
  private validateOptions(): ValidateOptions {
    if (this.interpreter !== undefined && !this.interpreterAsked) {
      this.interpreterAsked = true;
      void this.interpreter.get().then((version) => {
        if (version !== undefined) {
          this.revalidateAll();
        }
      });
    }
    const pythonVersion = this.interpreter?.current;
    return pythonVersion === undefined ? {} : { pythonVersion };
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
    const started = performance.now();
    const diagnostics = await this.analyze(document.uri, document.getText());
    // A newer edit has its own run coming; publishing this one would flash stale problems.
    if (document.isClosed || document.version !== version) {
      return;
    }
    this.publish(document.uri, version, diagnostics);
    this.log.debug(
      `MLmodel ${document.uri.toString(true)}: ${diagnostics.length} findings in ${(performance.now() - started).toFixed(1)} ms.`,
    );
  }

  /** The core validator's findings plus, when enabled, the files the MLmodel names that are missing. */
  private async analyze(uri: vscode.Uri, text: string): Promise<LspDiagnostic[]> {
    const diagnostics = validate(text, this.validateOptions());
    const checkFiles = vscode.workspace
      .getConfiguration('mlflow', uri)
      .get<boolean>('mlmodel.validateReferencedFiles', true);
    const missing = checkFiles ? await this.missingFiles(uri, referencedFiles(text)) : [];
    return [...diagnostics, ...missing.map((reference) => missingFileDiagnostic(text, reference))];
  }

  /**
   * Validate every MLmodel file in the workspace, open or not, into Problems ("MLflow: Validate
   * all MLmodel files"). Files are read through `vscode.workspace.fs`; open ones use the editor's text.
   */
  async validateWorkspace(
    token?: vscode.CancellationToken,
  ): Promise<{ files: number; errors: number; warnings: number }> {
    const uris = await vscode.workspace.findFiles(
      '**/MLmodel',
      '{**/node_modules/**,**/.git/**}',
      10000,
      token,
    );
    let errors = 0;
    let warnings = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) {
        break;
      }
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      try {
        const text = open
          ? open.getText()
          : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const diagnostics = await this.analyze(uri, text);
        errors += diagnostics.filter((d) => d.severity === 1).length;
        warnings += diagnostics.filter((d) => d.severity === 2).length;
        this.publish(uri, open?.version ?? -1, diagnostics);
      } catch (error: unknown) {
        this.log.warn(`Could not validate ${uri.toString(true)}: ${String(error)}`);
      }
    }
    return { files: uris.length, errors, warnings };
  }

  private async missingFiles(
    uri: vscode.Uri,
    references: readonly FileReference[],
  ): Promise<FileReference[]> {
    const directory = modelDirectory(uri);
    const results = await Promise.all(
      references.map(async (reference) => {
        try {
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(directory, ...reference.path.split('/')));
          return undefined;
        } catch (error: unknown) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
            return reference;
          }
          this.log.warn(`Could not check ${reference.path} next to ${uri.toString(true)}: ${String(error)}`);
          return undefined;
        }
      }),
    );
    return results.filter((r): r is FileReference => r !== undefined);
  }

  private publish(uri: vscode.Uri, version: number, diagnostics: LspDiagnostic[]): void {
    this.latest.set(uri.toString(), { version, diagnostics });
    this.collection.set(uri, diagnostics.map(toDiagnostic));
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.pending.cancel(key);
    this.latest.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.pending.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.collection.dispose();
  }
}
