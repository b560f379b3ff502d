import * as vscode from 'vscode';
import { checkPort, ENV_MANAGERS, type EnvManager } from '../../core/cli/serveCommand';
import { configuredEnvManager } from '../shared/modelEnv';
import { freePort, portIsFree } from '../shared/freePort';

/** How one server is started: the environment manager and the port on 127.0.0.1. */
export interface ServeOptions {
  readonly envManager: EnvManager;
  readonly port: number;
}

/** Answers a caller (another extension, a test) may give instead of the prompts. */
export interface ServeAnswers {
  readonly envManager?: EnvManager;
  readonly port?: number;
  /** Which of a version node's URIs to serve: "version" or one of its aliases. */
  readonly alias?: string;
}

const LAST_ENV_MANAGER = 'mlflow.serve.lastEnvManager';

const DESCRIPTIONS: Record<EnvManager, string> = {
  local: 'Use the selected Python as it is (fastest; its packages must fit the model)',
  virtualenv: 'Recreate the model’s environment with pyenv + virtualenv',
  uv: 'Recreate the model’s environment with uv (fast)',
  conda: 'Recreate the model’s conda.yaml environment',
};

/** Guard for {@link ServeAnswers}: anything else is refused, not half-used. */
export function isServeAnswers(v: unknown): v is ServeAnswers {
  if (typeof v !== 'object' || v === null || v instanceof vscode.Uri) {
    return false;
  }
  const a = v as Record<string, unknown>;
  return (
    Object.keys(a).every((k) => ['envManager', 'port', 'alias'].includes(k)) &&
    (a.envManager === undefined || (ENV_MANAGERS as readonly unknown[]).includes(a.envManager)) &&
    (a.port === undefined || typeof a.port === 'number') &&
    (a.alias === undefined || typeof a.alias === 'string')
  );
}

/** The environment manager used last in this workspace, else the `mlflow.serve.envManager` setting. */
export function defaultEnvManager(state: vscode.Memento): EnvManager {
  const last = state.get<string>(LAST_ENV_MANAGER);
  return (ENV_MANAGERS as readonly (string | undefined)[]).includes(last)
    ? (last as EnvManager)
    : configuredEnvManager();
}

/**
 * Ask for the environment manager (the last choice preselected) and the port (a free one
 * proposed). With `answers`, nothing is asked: missing answers take the same defaults.
 */
export async function askServeOptions(
  state: vscode.Memento,
  title: string,
  answers?: ServeAnswers,
): Promise<ServeOptions | undefined> {
  const fallback = defaultEnvManager(state);
  let envManager = answers ? (answers.envManager ?? fallback) : undefined;
  if (envManager === undefined) {
    const ordered = [fallback, ...ENV_MANAGERS.filter((m) => m !== fallback)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((m) => ({
        label: m,
        description: m === fallback ? 'last used' : undefined,
        detail: DESCRIPTIONS[m],
        manager: m,
      })),
      {
        title: `${title}: environment manager`,
        placeHolder: 'How to provide the model’s Python dependencies',
      },
    );
    if (!picked) {
      return undefined;
    }
    envManager = picked.manager;
  }
  await state.update(LAST_ENV_MANAGER, envManager);
  let port = answers?.port;
  if (port === undefined && answers) {
    port = await freePort();
  } else if (port === undefined) {
    const typed = await vscode.window.showInputBox({
      title: `${title}: port`,
      prompt: 'The port on 127.0.0.1 to serve on (a free one is proposed)',
      value: String(await freePort()),
      validateInput: (v) => portProblem(v.trim()),
    });
    if (typed === undefined) {
      return undefined;
    }
    port = Number(typed.trim());
  }
  checkPort(port);
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${String(port)} on 127.0.0.1 is already in use: choose another one.`);
  }
  return { envManager, port };
}

function portProblem(v: string): string | undefined {
  if (!/^\d{1,5}$/.test(v)) {
    return 'A port is a number from 1024 to 65535.';
  }
  try {
    checkPort(Number(v));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
