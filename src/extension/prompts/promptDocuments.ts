import * as vscode from 'vscode';
import { getPromptVersion } from '../../core/prompts/promptReader';
import { versionDocument } from '../../core/prompts/templateText';
import type { StoreSession } from '../connection';

/** The scheme of prompt templates opened from the Prompts view (read-only: a content provider's). */
export const PROMPT_DOC_SCHEME = 'mlflow-prompt';

/** The language of those documents: `syntaxes/mlflow-prompt.tmLanguage.json` marks `{{variables}}`. */
export const PROMPT_LANGUAGE = 'mlflow-prompt';

/**
 * The document of one version. The path names it for the tab (and its extension gives the
 * language); the query says which version it is, so a name with odd characters is never parsed
 * out of the path.
 */
export function promptDocumentUri(name: string, version: string): vscode.Uri {
  const safe = name.replace(/[/\\]/g, '_');
  return vscode.Uri.from({
    scheme: PROMPT_DOC_SCHEME,
    path: `/${safe} v${version}.mlflow-prompt`,
    query: new URLSearchParams({ name, version }).toString(),
  });
}

/** The prompt version a document URI stands for, or undefined for another URI. */
export function promptOfDocument(uri: vscode.Uri): { name: string; version: string } | undefined {
  if (uri.scheme !== PROMPT_DOC_SCHEME) {
    return undefined;
  }
  const q = new URLSearchParams(uri.query);
  const name = q.get('name');
  const version = q.get('version');
  return name === null || version === null ? undefined : { name, version };
}

/**
 * Serves each version's template from the active connection's registry. When the connection
 * changes, open documents are read again (they may now say that the version is not there).
 */
export class PromptDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: StoreSession) {
    this.subscription = session.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === PROMPT_DOC_SCHEME) {
          this.changed.fire(doc.uri);
        }
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const which = promptOfDocument(uri);
    if (which === undefined) {
      throw new Error(`Not a prompt version: ${uri.toString()}`);
    }
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => {
      controller.abort();
    });
    try {
      const { registry } = await this.session.stores();
      return versionDocument(await getPromptVersion(registry, which.name, which.version, controller.signal));
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
