import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { SourceFrame } from '../../core/traceDetail/pythonFrames';
import type { TraceLinks } from '../../core/traceDetail/traceLinks';
import { isInsideWorkspace, workspaceCandidates, workspaceLabel } from '../../core/traceDetail/workspacePath';
import type { TraceLinkKind, TraceLinksView } from '../../protocol/traceDetail';
import { promptDocumentUri } from '../prompts';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';

/** A frame whose file exists in the workspace: its real path, and the label the panel shows. */
export interface WorkspaceFile {
  readonly path: string;
  readonly label: string;
  readonly line: number;
}

/** A trace's links with the workspace files checked: what the host opens when one is clicked. */
export interface LinkTargets extends Omit<TraceLinks, 'frames'> {
  readonly files: readonly WorkspaceFile[];
}

async function realOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await fs.realpath(p);
  } catch {
    return undefined;
  }
}

/** The first candidate that is a file whose real path (symlinks followed) stays in the workspace. */
async function existingFile(file: string, folders: readonly string[], real: readonly string[]) {
  for (const candidate of workspaceCandidates(file, folders)) {
    const resolved = await realOrUndefined(candidate);
    const stat = resolved === undefined ? undefined : await fs.stat(resolved).catch(() => undefined);
    if (resolved !== undefined && stat?.isFile() === true && isInsideWorkspace(resolved, real)) {
      return { path: resolved, label: workspaceLabel(candidate, folders) };
    }
  }
  return undefined;
}

/** The frames whose files exist inside the open (local) workspace folders; others are dropped. */
export async function workspaceFiles(frames: readonly SourceFrame[]): Promise<WorkspaceFile[]> {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  if (folders.length === 0) {
    return [];
  }
  const real = (await Promise.all(folders.map(realOrUndefined))).filter((p) => p !== undefined);
  const found: WorkspaceFile[] = [];
  for (const frame of frames) {
    const hit = await existingFile(frame.file, folders, real);
    if (hit !== undefined && !found.some((f) => f.path === hit.path && f.line === frame.line)) {
      found.push({ ...hit, line: frame.line });
    }
  }
  return found;
}

/** What the webview is sent: ids and labels only; the real paths stay on the host. */
export function linksView(t: LinkTargets): TraceLinksView {
  return {
    sourceRun: t.sourceRun,
    loggedModel: t.loggedModel,
    prompts: t.prompts.map((p) => ({ name: p.name, version: p.version })),
    files: t.files.map((f) => ({ label: f.label, line: f.line })),
  };
}

/**
 * Open one link of the shown trace: the run detail panel, the model URI copied, the prompt
 * version's template, the file at its line. Returns what was opened (for tests), undefined when
 * the trace has no such link.
 */
export async function openTraceLink(t: LinkTargets, link: TraceLinkKind, index: number): Promise<unknown> {
  switch (link) {
    case 'sourceRun':
      return t.sourceRun === undefined
        ? undefined
        : vscode.commands.executeCommand(COMPARE_COMMANDS.openRun, t.sourceRun);
    case 'loggedModel':
      if (t.loggedModel === undefined) {
        return undefined;
      }
      await vscode.env.clipboard.writeText(t.loggedModel);
      void vscode.window.showInformationMessage(`Copied ${t.loggedModel}`);
      return t.loggedModel;
    case 'prompt': {
      const p = t.prompts[index];
      if (p === undefined) {
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument(promptDocumentUri(p.name, p.version));
      return vscode.window.showTextDocument(doc, { preview: true });
    }
    case 'file': {
      const f = t.files[index];
      if (f === undefined) {
        return undefined;
      }
      const at = new vscode.Position(f.line - 1, 0);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(f.path));
      return vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(at, at) });
    }
  }
}

/** From the palette: pick one of the shown trace's links (undefined when it has none or none is picked). */
export async function pickTraceLink(
  t: LinkTargets,
): Promise<{ link: TraceLinkKind; index: number } | undefined> {
  const items = [
    ...(t.sourceRun === undefined
      ? []
      : [{ label: `Source run ${t.sourceRun}`, link: 'sourceRun' as const, index: 0 }]),
    ...(t.loggedModel === undefined
      ? []
      : [{ label: `Copy ${t.loggedModel}`, link: 'loggedModel' as const, index: 0 }]),
    ...t.prompts.map((p, index) => ({
      label: `Prompt ${p.name} v${p.version}`,
      link: 'prompt' as const,
      index,
    })),
    ...t.files.map((f, index) => ({ label: `${f.label}:${String(f.line)}`, link: 'file' as const, index })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage('This trace links no run, model, prompt or workspace file.');
    return undefined;
  }
  return vscode.window.showQuickPick(items, { title: 'Open Trace Link' });
}
