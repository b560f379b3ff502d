import * as path from 'node:path';
import * as vscode from 'vscode';
import { ENV_MANAGERS, type EnvManager } from '../../core/cli/serveCommand';
import { projectSpec, type EntryPoint } from '../../core/mlproject/entryPoints';
import { checkRunForm, valuesToPass, type RunFormCheck } from '../../core/mlproject/runForm';
import { refuseUntrusted } from '../../core/serving/trustGuard';
import { configuredEnvManager } from '../shared/modelEnv';
import type { Explorer } from '../explorer';
import { ProjectRunPanel, type SubmitRun } from './projectRunPanel';
import {
  projectDirOf,
  type ProjectRunner,
  type ProjectRunOutcome,
  type StartedProjectRun,
} from './projectRunner';

/** Answers that replace the form, for other extensions and tests: `submit` runs without showing it. */
export interface RunEntryPointOptions {
  readonly values?: Readonly<Record<string, string>>;
  readonly experimentName?: string;
  readonly envManager?: EnvManager;
  readonly submit?: boolean;
}

/** What the command resolves to when asked to submit: the run's outcome, or why it was refused. */
export type RunEntryPointResult =
  ProjectRunOutcome | { readonly status: 'refused'; readonly message: string };

export interface RunEntryPointDeps {
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
  readonly runner: ProjectRunner;
  readonly explorer: Explorer;
  readonly log: vscode.LogOutputChannel;
}

/** The env manager chosen last in this workspace. */
const ENV_MANAGER_KEY = 'mlflow.project.envManager';

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}

function isOptions(v: unknown): v is RunEntryPointOptions {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return false;
  }
  const o = v as Record<string, unknown>;
  return (
    Object.keys(o).every((k) => ['values', 'experimentName', 'envManager', 'submit'].includes(k)) &&
    (o.values === undefined || isStringRecord(o.values)) &&
    (o.experimentName === undefined || typeof o.experimentName === 'string') &&
    (o.envManager === undefined || (ENV_MANAGERS as readonly unknown[]).includes(o.envManager)) &&
    (o.submit === undefined || typeof o.submit === 'boolean')
  );
}

async function pickMlproject(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/MLproject', '{**/node_modules/**,**/.git/**}', 100);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No MLproject files in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({
      label: path.basename(path.dirname(f.fsPath)),
      description: vscode.workspace.asRelativePath(f),
      uri: f,
    })),
    { title: 'Run Project Entry Point', placeHolder: 'Choose an MLproject' },
  );
  return picked?.uri;
}

async function mlprojectFile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (!(arg instanceof vscode.Uri)) {
    return pickMlproject();
  }
  if (arg.scheme !== 'file') {
    throw new Error('Only projects on this machine’s file system can be run.');
  }
  const stat = await vscode.workspace.fs.stat(arg);
  return (stat.type & vscode.FileType.Directory) !== 0 ? vscode.Uri.joinPath(arg, 'MLproject') : arg;
}

async function pickEntryPoint(
  entryPoints: readonly EntryPoint[],
  wanted: unknown,
): Promise<EntryPoint | undefined> {
  if (typeof wanted === 'string') {
    const found = entryPoints.find((e) => e.name === wanted);
    if (!found) {
      throw new Error(`The MLproject has no entry point "${wanted}".`);
    }
    return found;
  }
  if (entryPoints.length <= 1) {
    return entryPoints[0];
  }
  const picked = await vscode.window.showQuickPick(
    entryPoints.map((e) => ({
      label: e.name,
      description: e.parameters.map((p) => p.name).join(', '),
      detail: e.command,
      entry: e,
    })),
    { title: 'Run Project Entry Point', placeHolder: 'Choose an entry point' },
  );
  return picked?.entry;
}

/** The experiment to suggest: the one selected in the Experiments view, else MLFLOW_EXPERIMENT_NAME, else blank. */
function currentExperiment(explorer: Explorer): string {
  const ids = new Set(
    explorer.experimentsView.selection.map((n) =>
      n.kind === 'experiment' ? n.experiment.experimentId : n.kind === 'run' ? n.experimentId : undefined,
    ),
  );
  const [only] = [...ids];
  if (ids.size === 1 && only !== undefined) {
    const node = explorer.experiments.node(`exp:${only}`);
    if (node?.kind === 'experiment') {
      return node.experiment.name;
    }
  }
  return process.env.MLFLOW_EXPERIMENT_NAME ?? '';
}

function describeProblems(check: RunFormCheck): string {
  const parts = Object.entries(check.parameters).map(([name, problem]) => `${name}: ${problem}`);
  if (check.experimentName !== undefined) {
    parts.push(`experiment name: ${check.experimentName}`);
  }
  if (check.envManager !== undefined) {
    parts.push(`environment manager: ${check.envManager}`);
  }
  return parts.join(' ');
}

/**
 * "MLflow: Run Project Entry Point…": from a CodeLens (file and entry point), the Explorer (an
 * MLproject or its folder) or the palette (pick both). Shows the parameter form, or with
 * `{ submit: true }` runs straight away with the given values and resolves to the outcome.
 * Refuses in an untrusted workspace whoever calls it.
 */
export async function runEntryPoint(
  deps: RunEntryPointDeps,
  fileArg?: unknown,
  entryArg?: unknown,
  optionsArg?: unknown,
): Promise<RunEntryPointResult | undefined> {
  refuseUntrusted(vscode.workspace.isTrusted, 'Running an MLflow project', "the project's code");
  // Explorer menus pass the selected resources as the second argument: not an entry point.
  const entryName = typeof entryArg === 'string' ? entryArg : undefined;
  if (optionsArg !== undefined && !isOptions(optionsArg)) {
    throw new Error('Run options are { values?, experimentName?, envManager?, submit? }.');
  }
  const options: RunEntryPointOptions = optionsArg ?? {};
  const file = await mlprojectFile(fileArg);
  if (!file) {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(file);
  const spec = projectSpec(document.getText());
  if (spec.entryPoints.length === 0) {
    throw new Error(`${vscode.workspace.asRelativePath(file)} declares no entry points.`);
  }
  const entry = await pickEntryPoint(spec.entryPoints, entryName);
  if (!entry) {
    return undefined;
  }
  const projectDir = projectDirOf(file);
  const projectName = spec.name ?? path.basename(projectDir);
  const remembered = deps.workspaceState.get<string>(ENV_MANAGER_KEY);
  const envManager =
    options.envManager ??
    ((ENV_MANAGERS as readonly (string | undefined)[]).includes(remembered)
      ? (remembered as EnvManager)
      : configuredEnvManager());
  const defaults = Object.fromEntries(entry.parameters.map((p) => [p.name, p.default ?? '']));
  const values = { ...defaults, ...(options.values ?? {}) };
  const experimentName = options.experimentName ?? currentExperiment(deps.explorer);

  const begin = async (form: {
    values: Readonly<Record<string, string>>;
    experimentName: string;
    envManager: EnvManager;
  }): Promise<StartedProjectRun | { status: 'refused'; message: string }> => {
    // The webview checked as the user typed; this is the host's own check of what arrived.
    const check = checkRunForm(entry, form);
    if (!check.ok) {
      return { status: 'refused', message: `Not run: ${describeProblems(check)}` };
    }
    await deps.workspaceState.update(ENV_MANAGER_KEY, form.envManager);
    return deps.runner.start({
      projectDir,
      projectName,
      entryPoint: entry,
      values: valuesToPass(entry, form.values),
      experimentName: form.experimentName,
      envManager: form.envManager,
    });
  };

  if (options.submit === true) {
    const started = await begin({ values, experimentName, envManager });
    if ('status' in started) {
      void vscode.window.showErrorMessage(`MLflow: ${started.message}`);
      return started;
    }
    return started.done;
  }
  const submit: SubmitRun = async (request, report) => {
    try {
      const started = await begin(request);
      if ('status' in started) {
        report({ state: 'refused', message: started.message });
        return;
      }
      report({ state: 'started', message: 'Running in the terminal below; Ctrl+C there stops it.' });
      const outcome = await started.done;
      report({ state: outcome.status === 'succeeded' ? 'succeeded' : 'failed', message: outcome.message });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log.error(`Running ${projectName} · ${entry.name} failed: ${message}`);
      report({ state: 'refused', message });
    }
  };
  ProjectRunPanel.show(
    deps.extensionUri,
    deps.log,
    {
      key: `${file.toString()}#${entry.name}`,
      project: projectName,
      file: vscode.workspace.asRelativePath(file),
      entryPoint: entry,
      values,
      experimentName,
      envManager,
    },
    submit,
  );
  return undefined;
}
