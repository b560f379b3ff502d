import * as vscode from 'vscode';
import { getPromptVersion } from '../../core/prompts/promptReader';
import { versionDocument } from '../../core/prompts/templateText';
import type { StoreSession } from '../connection';

/** The scheme of prompt templates opened from the Prompts view (a read-only file system). */
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
 * Serves each version's template from the active connection's registry as a read-only file
 * system: the editor says "cannot edit" and nothing can be saved there. When the connection
 * changes, open documents are read again (they may now say that the version is not there).
 */
export class PromptDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * Templates read on this connection. A prompt version is immutable in MLflow (a new template is
   * a new version), so what was read stays true until the connection changes; VS Code asks for
   * `stat` and then `readFile`, which would otherwise be two requests per open.
   */
  private readonly texts = new Map<string, Promise<string>>();

  constructor(private readonly session: StoreSession) {
    this.subscription = session.onDidChange(() => {
      this.texts.clear();
      const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PROMPT_DOC_SCHEME);
      if (open.length > 0) {
        this.changed.fire(open.map((d) => ({ type: vscode.FileChangeType.Changed, uri: d.uri })));
      }
    });
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.text(uri));
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const size = (await this.readFile(uri)).byteLength;
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: 0,
      size,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  private text(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const known = this.texts.get(key);
    if (known !== undefined) {
      return known;
    }
    const read = this.read(uri);
    this.texts.set(key, read);
    // A failed read (the server was down) is asked again next time.
    read.catch(() => this.texts.delete(key));
    return read;
  }

  private async read(uri: vscode.Uri): Promise<string> {
    const which = promptOfDocument(uri);
    if (which === undefined) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const { registry } = await this.session.stores();
    return versionDocument(await getPromptVersion(registry, which.name, which.version));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.FileNotADirectory(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
