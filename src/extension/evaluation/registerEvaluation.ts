import type * as vscode from 'vscode';
import { isRunId } from '../../protocol/compareRuns';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';
import { EVALUATION_COMMANDS } from '../shared/commandIds/evaluationCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { EvaluationPanel, type EvaluationDeps } from './evaluationPanel';
import { pickEvaluationRuns } from './pickEvaluationRuns';

/** The run id of a run node or a run id string. */
function runIdOf(arg: unknown): string | undefined {
  return nodeOf(arg, 'run')?.runId ?? (isRunId(arg) ? arg : undefined);
}

/** Run ids of the nodes a command was invoked on (the clicked one plus a multi-selection). */
function selectedRunIds(arg: unknown, selection: unknown): string[] {
  const nodes = Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [arg];
  const ids = Array.isArray(arg) && selection === undefined ? (arg as unknown[]) : nodes;
  return [...new Set(ids.map(runIdOf).filter((id): id is string => id !== undefined))];
}

/** What the rest of the extension (and in-host tests) sees of the evaluation panels. */
export interface EvaluationPanels {
  readonly all: () => readonly EvaluationPanel[];
}

/**
 * The evaluation results panel: Show Evaluation Results (one run) and Compare Evaluation Runs
 * (two), from the Experiments view's run menu, the run detail panel or the palette (a pick list),
 * and its serializer.
 */
export function registerEvaluation(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): EvaluationPanels {
  const deps: EvaluationDeps = { extensionUri: context.extensionUri, log, session };
  registerReported(context, log, {
    [EVALUATION_COMMANDS.showResults]: async (arg) => {
      const given = runIdOf(arg);
      const runIds = given === undefined ? await pickEvaluationRuns(session, 1) : [given];
      return runIds === undefined ? undefined : EvaluationPanel.show(deps, runIds);
    },
    [EVALUATION_COMMANDS.compare]: async (arg, selection) => {
      const ids = selectedRunIds(arg, selection);
      const runIds = ids.length === 2 ? ids : await pickEvaluationRuns(session, 2, ids);
      return runIds === undefined ? undefined : EvaluationPanel.show(deps, runIds);
    },
  });
  context.subscriptions.push(EvaluationPanel.registerSerializer(deps), {
    dispose: () => {
      EvaluationPanel.disposeAll();
    },
  });
  return { all: () => EvaluationPanel.all() };
}
