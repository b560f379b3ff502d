import { checkParameterValue } from '../cli/projectRunCommand';
import { ENV_MANAGERS } from '../cli/serveCommand';
import type { EntryPoint } from './entryPoints';

/** What the parameter form holds: one text per declared parameter, the experiment and the env manager. */
export interface RunFormInput {
  readonly values: Readonly<Record<string, string>>;
  readonly experimentName: string;
  readonly envManager: string;
}

/** Problems per field; `ok` when the run may start. */
export interface RunFormCheck {
  /** Parameter name → why its value cannot be used. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly experimentName: string | undefined;
  readonly envManager: string | undefined;
  readonly ok: boolean;
}

/** MLflow keeps experiment names up to 500 characters in its SQL stores. */
export const MAX_EXPERIMENT_NAME = 500;

function valueOf(values: Readonly<Record<string, string>>, name: string): string {
  return Object.hasOwn(values, name) ? (values[name] ?? '') : '';
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      return true;
    }
  }
  return false;
}

/** Why an experiment name cannot be passed to `--experiment-name`, or undefined (blank means MLflow's default). */
export function checkExperimentName(name: string): string | undefined {
  if (name === '') {
    return undefined;
  }
  if (name.trim() !== name) {
    return 'Remove the spaces at the start or end.';
  }
  if (name.startsWith('-')) {
    return 'An experiment name cannot start with "-".';
  }
  if (hasControlCharacter(name)) {
    return 'An experiment name cannot contain control characters or line breaks.';
  }
  return name.length > MAX_EXPERIMENT_NAME ? `At most ${String(MAX_EXPERIMENT_NAME)} characters.` : undefined;
}

/**
 * Check the form as the user types, with the same value rules the argv builder applies again
 * before anything runs: an empty field falls back to the declared default, and a parameter
 * without one needs a value.
 */
export function checkRunForm(entry: Pick<EntryPoint, 'parameters'>, form: RunFormInput): RunFormCheck {
  const parameters: Record<string, string> = {};
  for (const p of entry.parameters) {
    const value = valueOf(form.values, p.name);
    const problem =
      value === ''
        ? p.default === undefined
          ? 'needs a value (it has no default)'
          : undefined
        : checkParameterValue(p.type, value);
    if (problem !== undefined) {
      Object.defineProperty(parameters, p.name, { value: `The value ${problem}.`, enumerable: true });
    }
  }
  const experimentName = checkExperimentName(form.experimentName);
  const envManager = (ENV_MANAGERS as readonly string[]).includes(form.envManager)
    ? undefined
    : `Choose one of ${ENV_MANAGERS.join(', ')}.`;
  return {
    parameters,
    experimentName,
    envManager,
    ok: Object.keys(parameters).length === 0 && experimentName === undefined && envManager === undefined,
  };
}

/** The `-P` values to pass: every declared parameter the user filled in; an empty field keeps the default. */
export function valuesToPass(
  entry: Pick<EntryPoint, 'parameters'>,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    entry.parameters.map((p) => [p.name, valueOf(values, p.name)] as const).filter(([, v]) => v !== ''),
  );
}
