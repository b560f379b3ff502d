import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkModelName } from '../../core/scaffold/modelName';
import { PRIMARY_FILE, isScaffoldTemplateId, scaffoldFiles } from '../../core/scaffold/scaffoldTemplates';
import type { ScaffoldFile } from '../../core/scaffold/scaffoldTypes';
import { runScaffoldWizard, type WizardAnswers } from './scaffoldWizard';

/** Pre-filled answers for programmatic use (tests, other extensions): no prompt is shown. */
interface ScaffoldArgs {
  readonly template: unknown;
  readonly name: unknown;
  /** The folder the new `<name>/` folder is created in: a Uri or an absolute path. */
  readonly folder: unknown;
}

function isScaffoldArgs(v: unknown): v is ScaffoldArgs {
  return typeof v === 'object' && v !== null && 'template' in v && 'name' in v && 'folder' in v;
}

function answersFromArgs(args: ScaffoldArgs): WizardAnswers {
  if (!isScaffoldTemplateId(args.template)) {
    throw new Error(`Unknown template "${String(args.template)}".`);
  }
  if (typeof args.name !== 'string') {
    throw new Error('The model name must be a string.');
  }
  const checked = checkModelName(args.name);
  if (!checked.ok) {
    throw new Error(checked.error);
  }
  let parent: vscode.Uri;
  if (args.folder instanceof vscode.Uri) {
    parent = args.folder;
  } else if (typeof args.folder === 'string' && path.isAbsolute(args.folder)) {
    parent = vscode.Uri.file(args.folder);
  } else {
    throw new Error('The folder must be a Uri or an absolute path.');
  }
  return { template: args.template, name: args.name, parent };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Refuse before writing anything if any of the files is already there, naming them. */
async function refuseOverwrite(folder: vscode.Uri, files: readonly ScaffoldFile[]): Promise<void> {
  const taken: string[] = [];
  for (const f of files) {
    if (await exists(vscode.Uri.joinPath(folder, f.relativePath))) {
      taken.push(f.relativePath);
    }
  }
  if (taken.length > 0) {
    throw new Error(
      `${folder.fsPath} already has ${taken.join(', ')}; nothing was written. Choose another name or folder.`,
    );
  }
}

/**
 * "MLflow: New Custom Model…": template → name → parent folder (or `args` with all three), then
 * the template's files in a new `<parent>/<name>/` folder, written through the workspace file
 * system without overwriting anything, and the README and model.py opened. Only writes files, so
 * it works in Restricted Mode too. Resolves to the new folder, or undefined when cancelled.
 */
export async function newCustomModel(args?: unknown): Promise<vscode.Uri | undefined> {
  const answers = isScaffoldArgs(args) ? answersFromArgs(args) : await runScaffoldWizard();
  if (!answers) {
    return undefined;
  }
  const files = scaffoldFiles({ template: answers.template, name: answers.name });
  const folder = vscode.Uri.joinPath(answers.parent, answers.name);
  await refuseOverwrite(folder, files);
  await vscode.workspace.fs.createDirectory(folder);
  const encoder = new TextEncoder();
  for (const f of files) {
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, f.relativePath),
      encoder.encode(f.content),
    );
  }
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'README.md'), { preview: false });
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, PRIMARY_FILE), { preview: false });
  return folder;
}
