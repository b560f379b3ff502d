import * as vscode from 'vscode';
import type { PromptVersion } from '../../core/prompts/promptEntities';
import { listPromptVersions } from '../../core/prompts/promptReader';
import { promptUri } from '../../core/prompts/promptUri';
import { displayText } from '../../core/explorer/displayText';
import type { StoreSession } from '../connection';
import { promptNodeOf } from './promptNode';
import { promptDocumentUri } from './promptDocuments';

/** Open a version's template as a read-only document; resolves to it (for tests and callers). */
export async function openTemplate(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const node = promptNodeOf(arg, 'promptVersion');
  if (node === undefined) {
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(
    promptDocumentUri(node.prompt.name, node.version.version),
  );
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}

/** What {@link compareVersions} opened. */
export interface PromptDiff {
  readonly left: vscode.Uri;
  readonly right: vscode.Uri;
  readonly title: string;
}

/**
 * Diff two versions of a prompt in VS Code's diff editor, the older on the left. From a version,
 * the other one is picked (or given as `otherArg`, a version number); from a prompt, both are.
 */
export async function compareVersions(
  session: StoreSession,
  arg: unknown,
  otherArg?: string,
): Promise<PromptDiff | undefined> {
  const node = promptNodeOf(arg, 'promptVersion', 'prompt');
  if (node === undefined) {
    return undefined;
  }
  const { registry } = await session.stores();
  const versions = await listPromptVersions(registry, node.prompt);
  const first =
    node.kind === 'promptVersion' ? node.version.version : await pickVersion(versions, undefined, 'first');
  if (first === undefined) {
    return undefined;
  }
  const second = otherArg ?? (await pickVersion(versions, first, 'second'));
  if (second === undefined || second === first) {
    return undefined;
  }
  const [older, newer] = Number(first) < Number(second) ? [first, second] : [second, first];
  const name = node.prompt.name;
  const diff: PromptDiff = {
    left: promptDocumentUri(name, older),
    right: promptDocumentUri(name, newer),
    title: `${displayText(name, 100)}: version ${older} ↔ version ${newer}`,
  };
  await vscode.commands.executeCommand('vscode.diff', diff.left, diff.right, diff.title, { preview: true });
  return diff;
}

async function pickVersion(
  versions: readonly PromptVersion[],
  except: string | undefined,
  which: 'first' | 'second',
): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    versions
      .filter((v) => v.version !== except)
      .map((v) => ({
        label: `Version ${v.version}`,
        description: v.aliases.map((a) => `@${a}`).join(' '),
        detail: v.commitMessage === undefined ? undefined : displayText(v.commitMessage, 200),
        version: v.version,
      })),
    {
      title:
        except === undefined ? 'Compare which version…' : `…with which version (against version ${except})?`,
      placeHolder: which === 'first' ? 'The first version' : 'The version to compare with',
    },
  );
  return picked?.version;
}

/**
 * Copy `prompts:/<name>/<version>`, or `prompts:/<name>@<alias>` when the user picks one of the
 * version's aliases (or the caller names it in `aliasArg`; `version` asks for the number URI).
 */
export async function copyPromptUri(arg: unknown, aliasArg?: string): Promise<string | undefined> {
  const node = promptNodeOf(arg, 'promptVersion');
  if (node === undefined) {
    return undefined;
  }
  const { name, version, aliases } = node.version;
  const byVersion = promptUri(name, { version });
  const uris = [byVersion, ...aliases.map((alias) => promptUri(name, { alias }))];
  const uri =
    aliasArg === 'version'
      ? byVersion
      : aliasArg !== undefined && aliases.includes(aliasArg)
        ? promptUri(name, { alias: aliasArg })
        : uris.length === 1
          ? byVersion
          : await vscode.window.showQuickPick(uris, { title: 'Copy which URI?' });
  if (uri !== undefined) {
    await vscode.env.clipboard.writeText(uri);
    vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
  }
  return uri;
}
