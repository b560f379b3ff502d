import * as vscode from 'vscode';
import type { FileLensData } from '../../core/code/metricLenses';
import type { StoreSession } from '../connection';
import type { Explorer } from '../explorer';
import { CODE_COMMANDS } from '../shared/commandIds/codeCommandIds';
import { COMPARE_COMMANDS } from '../shared/commandIds/compareCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { compareRunsCode, compareWithWorkspace, openAtCommit } from './codeCommands';
import { codeDocuments } from './codeDocuments';
import { CODE_DOC_SCHEME, CodeRepositories } from './codeRepositories';
import { MetricCodeLenses } from './metricCodeLenses';
import { codeSubject, codeSubjects } from './sourceArgument';

/** What the code feature hands back (the in-host tests read the lenses' provider). */
export interface CodeFeature {
  readonly lenses: MetricCodeLenses;
  readonly repositories: CodeRepositories;
}

/**
 * Runs ↔ code: open a run's entry point at its commit, diff it with the workspace or with another
 * run's, and the metric lenses over training scripts. Everything is owned by `context`.
 */
export function registerCode(
  context: vscode.ExtensionContext,
  session: StoreSession,
  explorer: Explorer,
  log: vscode.LogOutputChannel,
): CodeFeature {
  const repositories = new CodeRepositories();
  const lenses = new MetricCodeLenses(session, explorer.model.onDidChange, log);
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'python', scheme: 'file' },
        { language: 'python', scheme: 'vscode-notebook-cell' },
      ],
      lenses,
    ),
    vscode.workspace.registerTextDocumentContentProvider(CODE_DOC_SCHEME, codeDocuments(repositories)),
  );
  registerReported(context, log, {
    [CODE_COMMANDS.openAtCommit]: async (arg) => openAtCommit(repositories, await codeSubject(arg, session)),
    [CODE_COMMANDS.compareWithWorkspace]: async (arg) =>
      compareWithWorkspace(repositories, await codeSubject(arg, session)),
    [CODE_COMMANDS.compareRuns]: async (arg, selection) =>
      compareRunsCode(repositories, await codeSubjects(arg, selection, session)),
    // From a lens these get their data as arguments; from the palette, the active editor's.
    [CODE_COMMANDS.openExperiment]: async (experimentId) =>
      revealExperiment(
        explorer,
        typeof experimentId === 'string'
          ? experimentId
          : (await activeData(lenses))?.experiment?.experimentId,
      ),
    [CODE_COMMANDS.compareLatestRuns]: async (runIds) => {
      const ids = Array.isArray(runIds)
        ? runIds.filter((r): r is string => typeof r === 'string')
        : ((await activeData(lenses))?.fileRuns.map((r) => r.info.runId) ?? []);
      return vscode.commands.executeCommand(COMPARE_COMMANDS.compareRuns, ids[0], ids);
    },
  });
  return { lenses, repositories };
}

function activeData(lenses: MetricCodeLenses): Promise<FileLensData | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  return document === undefined ? Promise.resolve(undefined) : lenses.dataFor(document);
}

/** Show the experiment in the Experiments view, expanded and selected. */
async function revealExperiment(explorer: Explorer, experimentId: string | undefined): Promise<boolean> {
  if (experimentId === undefined) {
    void vscode.window.showInformationMessage('This file has no MLflow experiment in the active connection.');
    return false;
  }
  await vscode.commands.executeCommand('mlflow.experiments.focus');
  const node = (await explorer.experiments.getChildren()).find(
    (n) => n.kind === 'experiment' && n.experiment.experimentId === experimentId,
  );
  if (node === undefined) {
    void vscode.window.showInformationMessage('That experiment is not listed in the Experiments view.');
    return false;
  }
  await explorer.experimentsView.reveal(node, { select: true, focus: true, expand: true });
  return true;
}
