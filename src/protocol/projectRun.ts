import { ENV_MANAGERS, type EnvManager } from '../core/cli/serveCommand';
import type { EntryPointParameter } from '../core/mlproject/entryPoints';
import { hasOnlyKeys, isRecord } from './exactKeys';
import { checkMessage, type Message, type MessageChecks, type ReadyMessage } from './ipc';

/** Bounds on what the form may send: far above any real MLproject, low enough to stay harmless. */
export const PROJECT_RUN_LIMITS = {
  parameters: 200,
  name: 200,
  value: 10_000,
  experimentName: 1_000,
} as const;

/** The form's content: the entry point's parameters with the values to show first. */
export interface ProjectRunInit extends Message<'projectRun/init'> {
  readonly project: string;
  /** The MLproject's path relative to the workspace, for the heading. */
  readonly file: string;
  readonly entryPoint: string;
  readonly parameters: readonly EntryPointParameter[];
  readonly values: Readonly<Record<string, string>>;
  readonly experimentName: string;
  readonly envManager: EnvManager;
}

/** What became of the last Run press: refused (with why), started in a terminal, or ended. */
export interface ProjectRunStatus extends Message<'projectRun/status'> {
  readonly state: 'refused' | 'started' | 'succeeded' | 'failed';
  readonly message: string;
}

export type ProjectRunHostMessage = ProjectRunInit | ProjectRunStatus;

/** Run the entry point with these values. The host checks them again before building the argv. */
export interface ProjectRunRequest extends Message<'projectRun/run'> {
  readonly values: Readonly<Record<string, string>>;
  readonly experimentName: string;
  readonly envManager: EnvManager;
}

export type ProjectRunWebviewMessage = ReadyMessage | ProjectRunRequest;

function isValues(v: unknown): v is Record<string, string> {
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    Object.getPrototypeOf(v) !== Object.prototype
  ) {
    return false;
  }
  const entries = Object.entries(v);
  return (
    entries.length <= PROJECT_RUN_LIMITS.parameters &&
    entries.every(
      ([k, x]) =>
        k.length <= PROJECT_RUN_LIMITS.name && typeof x === 'string' && x.length <= PROJECT_RUN_LIMITS.value,
    )
  );
}

function isEnvManager(v: unknown): v is EnvManager {
  return (ENV_MANAGERS as readonly unknown[]).includes(v);
}

/** What the form may send, per type: exact shapes, string values only, bounded sizes, a known env manager. */
const WEBVIEW_CHECKS = {
  ready: (m) => hasOnlyKeys(m, ['type']),
  'projectRun/run': (m) =>
    hasOnlyKeys(m, ['type', 'values', 'experimentName', 'envManager']) &&
    isValues(m.values) &&
    typeof m.experimentName === 'string' &&
    m.experimentName.length <= PROJECT_RUN_LIMITS.experimentName &&
    isEnvManager(m.envManager),
} satisfies MessageChecks<ProjectRunWebviewMessage['type']>;

/** Guard for what the webview sends: exact shapes, string values only, bounded sizes, a known env manager. */
export function isProjectRunWebviewMessage(v: unknown): v is ProjectRunWebviewMessage {
  return checkMessage(WEBVIEW_CHECKS, v);
}

function isParameter(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    typeof v.type === 'string' &&
    (v.default === undefined || typeof v.default === 'string')
  );
}

const RUN_STATES: readonly unknown[] = ['refused', 'started', 'succeeded', 'failed'];

/** What the host may send, per type, checked before the form renders it. */
const HOST_CHECKS = {
  'projectRun/init': (m) =>
    typeof m.project === 'string' &&
    typeof m.file === 'string' &&
    typeof m.entryPoint === 'string' &&
    Array.isArray(m.parameters) &&
    m.parameters.every(isParameter) &&
    isValues(m.values) &&
    typeof m.experimentName === 'string' &&
    isEnvManager(m.envManager),
  'projectRun/status': (m) => RUN_STATES.includes(m.state) && typeof m.message === 'string',
} satisfies MessageChecks<ProjectRunHostMessage['type']>;

/** Guard for what the host sends, checked before the form renders it. */
export function isProjectRunHostMessage(v: unknown): v is ProjectRunHostMessage {
  return checkMessage(HOST_CHECKS, v);
}
