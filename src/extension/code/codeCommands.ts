import * as path from 'node:path';
import * as vscode from 'vscode';
import { changeLabel, type ChangedFile } from '../../core/code/changedFiles';
import { shortCommit } from '../../core/code/runSource';
import { displayText } from '../../core/explorer/displayText';
import { openResultDocument } from '../shared/resultDocuments';
import type { CodeRepositories, ResolvedSource, SourceProblem } from './codeRepositories';
import type { CodeSubject } from './sourceArgument';

/** What a code command did, for the in-host tests (the user sees editors and messages). */
export type CodeResult =
  | {
      readonly opened: string;
      readonly right?: string;
      readonly dirty: boolean;
      readonly changed?: readonly ChangedFile[];
    }
  | {
      readonly problem: SourceProblem['problem'] | 'noSubject' | 'otherRepository';
      readonly message: string;
    };

const isProblem = (r: ResolvedSource | SourceProblem): r is SourceProblem => 'problem' in r;

/**
 * Say why the code cannot be shown. When the commit is known but not here, offer to copy it, so
 * the user can check it out (or find the repository) themselves.
 */
function tell(subject: CodeSubject | undefined, p: SourceProblem): CodeResult {
  const commit = subject?.source.commit;
  const text = `${subject === undefined ? '' : `${subject.label}: `}${p.message}`;
  if (commit !== undefined && (p.problem === 'notInWorkspace' || p.problem === 'noFile')) {
    void vscode.window.showWarningMessage(text, 'Copy Commit').then(async (choice) => {
      if (choice === 'Copy Commit') {
        await vscode.env.clipboard.writeText(commit);
      }
    });
  } else {
    void vscode.window.showWarningMessage(text);
  }
  return { problem: p.problem, message: text };
}

/** The run recorded uncommitted changes: say so, and show the diff MLflow logged when there is one. */
function warnDirty(subject: CodeSubject): void {
  if (!subject.source.dirty) {
    return;
  }
  const { diff } = subject.source;
  const text = `${subject.label} ran with uncommitted changes: its code differed from commit ${shortCommit(subject.source.commit ?? '')}.`;
  const actions = diff === undefined ? [] : ['Show Logged Diff'];
  void vscode.window.showWarningMessage(text, ...actions).then(async (choice) => {
    if (choice === 'Show Logged Diff' && diff !== undefined) {
      await openResultDocument(`${subject.label} uncommitted.diff`, diff);
    }
  });
}

/** The subject's commit and entry point in an open repository, or what was said instead. */
async function located(
  repos: CodeRepositories,
  subject: CodeSubject | undefined,
): Promise<(ResolvedSource & { readonly subject: CodeSubject }) | CodeResult> {
  if (subject === undefined) {
    return tell(undefined, {
      problem: 'noCommit',
      message: 'Choose a run, logged model or trace with git tags.',
    });
  }
  const found = await repos.resolve(subject.source);
  return isProblem(found) ? tell(subject, found) : { ...found, subject };
}

/** Open the entry point as it was at the run's commit, read-only. */
export async function openAtCommit(
  repos: CodeRepositories,
  given: CodeSubject | undefined,
): Promise<CodeResult> {
  const found = await located(repos, given);
  if (!('root' in found)) {
    return found;
  }
  const { subject } = found;
  const uri = await repos.documentUri(found.root, found.commit, found.relPath);
  await vscode.window.showTextDocument(uri, { preview: false });
  warnDirty(subject);
  return { opened: uri.toString(), dirty: subject.source.dirty };
}

/** The diff editor: the entry point at the run's commit against the working file. */
export async function compareWithWorkspace(
  repos: CodeRepositories,
  given: CodeSubject | undefined,
): Promise<CodeResult> {
  const found = await located(repos, given);
  if (!('root' in found)) {
    return found;
  }
  const { subject } = found;
  const left = await repos.documentUri(found.root, found.commit, found.relPath);
  const right = vscode.Uri.joinPath(vscode.Uri.file(found.root), ...found.relPath.split('/'));
  const title = `${path.basename(found.relPath)} (${shortCommit(found.commit)} ↔ workspace)`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
  warnDirty(subject);
  return { opened: left.toString(), right: right.toString(), dirty: subject.source.dirty };
}

/**
 * Two runs' code: the older run's entry point against the newer's in the diff editor, then a
 * quick pick of every file changed between the two commits, each opening its own diff.
 */
export async function compareRunsCode(
  repos: CodeRepositories,
  subjects: readonly CodeSubject[],
): Promise<CodeResult> {
  if (subjects.length !== 2) {
    const message = 'Select exactly two runs (Ctrl/Cmd+click) to compare their code.';
    void vscode.window.showInformationMessage(message);
    return { problem: 'noSubject', message };
  }
  const [older, newer] = [...subjects].sort((a, b) => a.startTime - b.startTime) as [
    CodeSubject,
    CodeSubject,
  ];
  const a = await repos.resolve(older.source);
  if (isProblem(a)) {
    return tell(older, a);
  }
  const b = await repos.resolve(newer.source);
  if (isProblem(b)) {
    return tell(newer, b);
  }
  if (a.root !== b.root) {
    const message = `${older.label} and ${newer.label} come from different repositories.`;
    void vscode.window.showWarningMessage(message);
    return { problem: 'otherRepository', message };
  }
  const left = await repos.documentUri(a.root, a.commit, a.relPath);
  const right = await repos.documentUri(b.root, b.commit, b.relPath);
  const title = `${path.basename(b.relPath)} (${shortCommit(a.commit)} ↔ ${shortCommit(b.commit)})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
  const changed = a.commit === b.commit ? [] : await repos.changedFiles(a.root, a.commit, b.commit);
  void pickChangedFile(repos, a, b, changed);
  return {
    opened: left.toString(),
    right: right.toString(),
    dirty: older.source.dirty || newer.source.dirty,
    changed,
  };
}

/** The quick pick of changed files; choosing one opens its diff between the two commits. */
async function pickChangedFile(
  repos: CodeRepositories,
  a: ResolvedSource,
  b: ResolvedSource,
  changed: readonly ChangedFile[],
): Promise<void> {
  if (changed.length === 0) {
    void vscode.window.showInformationMessage(
      `No files changed between ${shortCommit(a.commit)} and ${shortCommit(b.commit)}.`,
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    changed.map((c) => ({
      label: displayText(c.path, 300),
      description:
        c.oldPath === undefined
          ? changeLabel(c.status)
          : `${changeLabel(c.status)} from ${displayText(c.oldPath, 200)}`,
      change: c,
    })),
    {
      title: `${String(changed.length)} files changed between ${shortCommit(a.commit)} and ${shortCommit(b.commit)}`,
      placeHolder: 'Open the diff of a changed file',
    },
  );
  if (picked === undefined) {
    return;
  }
  const c = picked.change;
  // An added file has no left side and a deleted one no right: show the side that exists.
  if (c.status === 'A' || c.status === 'D') {
    const side = c.status === 'A' ? b : a;
    await vscode.window.showTextDocument(await repos.documentUri(side.root, side.commit, c.path), {
      preview: false,
    });
    return;
  }
  const left = await repos.documentUri(a.root, a.commit, c.oldPath ?? c.path);
  const right = await repos.documentUri(b.root, b.commit, c.path);
  await vscode.commands.executeCommand(
    'vscode.diff',
    left,
    right,
    `${path.basename(c.path)} (${shortCommit(a.commit)} ↔ ${shortCommit(b.commit)})`,
  );
}
