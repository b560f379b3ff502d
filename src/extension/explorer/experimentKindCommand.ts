import * as vscode from 'vscode';
import { displayText } from '../../core/explorer/displayText';
import {
  EXPERIMENT_KIND_TAG,
  experimentKindLook,
  experimentKindOf,
  SELECTABLE_EXPERIMENT_KINDS,
} from '../../core/explorer/experimentKind';
import type { Experiment } from '../../core/tracking/entities/experiment';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { reportFailure } from '../shared/errors/reportFailure';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { nodeOf } from './explorerNode';
import type { ExperimentsModel } from './experimentsModel';
import { writers } from './writeAccess';

/** The experiment of a node, else (from the palette) one the user picks from the listed ones. */
async function experimentArg(model: ExperimentsModel, arg: unknown): Promise<Experiment | undefined> {
  const node = nodeOf(arg, 'experiment');
  if (node !== undefined || arg !== undefined) {
    return node?.experiment;
  }
  const picked = await vscode.window.showQuickPick(
    (await model.experiments())
      .filter((e) => e.lifecycleStage !== 'deleted')
      .map((e) => ({
        label: displayText(e.name, 120),
        description: `#${e.experimentId}`,
        experiment: e,
      })),
    { title: 'Set Experiment Kind: which experiment?' },
  );
  return picked?.experiment;
}

/**
 * Set an experiment's kind (its `mlflow.experimentKind` tag, as MLflow's kind selector does) on a
 * REST server, after a confirmation that says what changes: MLflow's UI shows a GenAI experiment's
 * traces first and an ML one's runs, and so does this view. `kindArg` and `confirmed` come from
 * callers (tests) that already chose.
 */
export async function setExperimentKind(
  model: ExperimentsModel,
  log: vscode.LogOutputChannel,
  arg: unknown,
  kindArg?: string,
  confirmed = false,
): Promise<boolean> {
  const experiment = await experimentArg(model, arg);
  if (experiment === undefined) {
    return false;
  }
  const w = await writers(model.session, log, 'set the experiment kind');
  if (w === undefined) {
    return false;
  }
  const current = experimentKindOf(experiment.tags);
  const kind =
    kindArg ??
    (
      await vscode.window.showQuickPick(
        SELECTABLE_EXPERIMENT_KINDS.map((k) => ({
          label: `$(${k.icon}) ${k.label}`,
          description: k.kind === current ? `${k.kind} · current` : k.kind,
          value: k.kind,
        })),
        { title: `Kind of experiment "${displayText(experiment.name, 120)}"` },
      )
    )?.value;
  if (kind === undefined) {
    return false;
  }
  if (kind === current) {
    void vscode.window.showInformationMessage(`The experiment is already of kind ${kind}.`);
    return false;
  }
  const to = experimentKindLook(kind)?.label ?? kind;
  if (!confirmed) {
    const from = experimentKindLook(current)?.label;
    const answer = await vscode.window.showWarningMessage(
      `Set the kind of experiment "${displayText(experiment.name, 200)}" to ${to}?`,
      {
        modal: true,
        detail: `This sets its tag ${EXPERIMENT_KIND_TAG} = ${displayText(kind, 60)} on the server${from === undefined ? '' : ` (now: ${from})`}; MLflow's UI and this view then show it as ${to}.`,
      },
      'Set Kind',
    );
    if (answer !== 'Set Kind') {
      return false;
    }
  }
  try {
    await w.tracking.setExperimentTag(experiment.experimentId, EXPERIMENT_KIND_TAG, kind);
    model.reset();
    return true;
  } catch (err) {
    reportFailure('Setting the experiment kind', err, log);
    return false;
  }
}

/** Registers Set Experiment Kind… (node, kind?, confirmed?); it answers whether the tag was set. */
export function registerExperimentKindCommand({ register, guarded, views, log }: ExplorerCommandKit): void {
  register(EXPLORER_COMMANDS.setExperimentKind, (arg, kind, confirmed) =>
    guarded(
      'Setting the experiment kind',
      () =>
        setExperimentKind(
          views.model,
          log,
          arg,
          typeof kind === 'string' ? kind : undefined,
          confirmed === true,
        ),
      false,
    ),
  );
}
