import type { Diagnostic } from 'vscode-languageserver-types';
import { findingsToDiagnostics } from '../yaml/offsetFinding';
import { parseYaml } from '../yaml/parseYaml';
import { getPair } from '../yaml/yamlAst';
import { MLPROJECT_SOURCE } from './validate';
import { clipForMessage } from '../yaml/clipForMessage';

/** Whether a path relative to the project directory (with `/` separators) exists. */
export type FileExists = (relativePath: string) => Promise<boolean>;

/**
 * Diagnostics for python_env / conda_env files that do not exist next to the MLproject. The file
 * system is injected (the editor passes `workspace.fs`), which keeps this pure and testable.
 */
export async function missingEnvironmentFiles(text: string, exists: FileExists): Promise<Diagnostic[]> {
  const root = parseYaml(text).root;
  if (root?.kind !== 'map') {
    return [];
  }
  const findings = [];
  for (const key of ['python_env', 'conda_env']) {
    const value = getPair(root, key)?.value;
    if (
      value?.kind !== 'scalar' ||
      typeof value.value !== 'string' ||
      value.value.trim() === '' ||
      /^([a-zA-Z][a-zA-Z0-9+.-]*:|\/|\\|~)/.test(value.value)
    ) {
      continue;
    }
    const relative = value.value.replace(/\\/g, '/');
    if (!(await exists(relative))) {
      findings.push({
        range: value.range,
        severity: 1 as const,
        code: 'missing-file',
        message: `"${clipForMessage(relative)}" (${clipForMessage(key)}) does not exist next to this MLproject; mlflow run cannot create the environment.`,
      });
    }
  }
  return findingsToDiagnostics(text, findings, MLPROJECT_SOURCE);
}
