import * as vscode from 'vscode';
import {
  buildVersionCommand,
  missingMlflowAdvice,
  parseMlflowVersion,
} from '../../../core/cli/mlflowVersion';
import { pythonCandidates } from '../../../core/cli/pythonCandidates';
import { SETTINGS, mlflowConfig } from '../config';
import { ActionableError } from '../errors/actionableError';
import { runToCompletion, type RunResult } from '../process/processRunner';

export interface FoundMlflow {
  readonly python: string;
  readonly version: string;
}

/** The part of the Python extension's public API we use: the selected interpreter. */
interface PythonExtensionApi {
  readonly environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string } | undefined;
  };
}

async function pythonFromPythonExtension(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!ext) {
    return undefined;
  }
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    return api.environments?.getActiveEnvironmentPath(vscode.workspace.workspaceFolders?.[0]?.uri)?.path;
  } catch {
    return undefined;
  }
}

/** Interpreters known to have MLflow, by path: `--version` costs a Python start-up (~1 s). */
const verified = new Map<string, string>();

/** Checks in flight: two features asking at once (serve and the MLmodel hint) share one Python start-up. */
const pending = new Map<string, Promise<RunResult>>();

/** Forget which interpreters have MLflow (a setting changed, or a check must be redone). */
export function clearMlflowCache(): void {
  verified.clear();
  // A check still running started after whatever made us forget, so its answer stays good.
}

function checkVersion(python: string): Promise<RunResult> {
  let check = pending.get(python);
  if (check === undefined) {
    check = runToCompletion(buildVersionCommand(python), { timeoutMs: 30_000 });
    pending.set(python, check);
    const settled = check;
    void settled.finally(() => {
      if (pending.get(python) === settled) {
        pending.delete(python);
      }
    });
  }
  return check;
}

/**
 * Find a Python that has MLflow: the Python extension's interpreter, then `mlflow.pythonPath`,
 * then python3/python on PATH; each is asked `python -m mlflow --version` once, and a
 * success is remembered per interpreter until {@link clearMlflowCache} (settings changes).
 * Throws an error whose message says what is missing and how to install it, with a button
 * that opens the `mlflow.pythonPath` setting.
 */
export async function findMlflow(log: vscode.LogOutputChannel): Promise<FoundMlflow> {
  const candidates = pythonCandidates({
    fromPythonExtension: await pythonFromPythonExtension(),
    setting: mlflowConfig().get<string>(SETTINGS.pythonPath, ''),
    platform: process.platform,
  });
  const problems: string[] = [];
  for (const python of candidates) {
    const known = verified.get(python);
    if (known !== undefined) {
      return { python, version: known };
    }
    const r = await checkVersion(python);
    const version = parseMlflowVersion(r.stdout);
    if (r.code === 0 && version) {
      log.info(`Using MLflow ${version} from ${python}.`);
      verified.set(python, version);
      return { python, version };
    }
    const advice = missingMlflowAdvice(python, r.spawnError ?? r.stderr);
    log.warn(advice);
    problems.push(advice);
  }
  throw new ActionableError(
    problems[0] ?? 'No Python interpreter found. Install Python and MLflow, or set mlflow.pythonPath.',
    [
      {
        title: 'Open Setting',
        run: openPythonPathSetting,
      },
    ],
  );
}

/**
 * Open the Settings editor on `mlflow.pythonPath`, on the tab where its value is set. It is a
 * machine-overridable setting, so in a remote window (code-server, SSH, containers) the User tab
 * never lists it ("No Settings Found"): a workspace value opens the Workspace tab, a remote
 * window the Remote tab, and only a local window the User tab.
 */
function openPythonPathSetting(): Thenable<unknown> {
  const key = `mlflow.${SETTINGS.pythonPath}`;
  const set = vscode.workspace.getConfiguration('mlflow').inspect<string>(SETTINGS.pythonPath);
  if (set?.workspaceFolderValue !== undefined || set?.workspaceValue !== undefined) {
    return vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', key);
  }
  if (vscode.env.remoteName !== undefined) {
    return vscode.commands.executeCommand('workbench.action.openRemoteSettings', key);
  }
  return vscode.commands.executeCommand('workbench.action.openSettings', key);
}
