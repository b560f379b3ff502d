import type { Diagnostic } from 'vscode-languageserver-types';
import { findingsToDiagnostics, yamlProblemFindings } from '../yaml/offsetFinding';
import { parseYaml } from '../yaml/parseYaml';
import { DEFAULT_YAML_LIMITS } from '../yaml/yamlProblem';
import type { MlprojectFinding, MlprojectRule } from './mlprojectDiagnostic';
import { entryPointsRule } from './rules/entryPointsRule';
import { environmentRule } from './rules/environmentRule';
import { structureRule } from './rules/structureRule';

/** Where MLproject diagnostics say they come from. */
export const MLPROJECT_SOURCE = 'MLproject';

const RULES: readonly MlprojectRule[] = [structureRule, environmentRule, entryPointsRule];

/** The findings of an MLproject text, with offsets. */
export function findMlprojectProblems(text: string): MlprojectFinding[] {
  const document = parseYaml(text, DEFAULT_YAML_LIMITS);
  const { findings: yamlFindings, unreadable } = yamlProblemFindings(document.problems);
  const findings: MlprojectFinding[] = [...yamlFindings];
  const root = document.root;
  if (unreadable) {
    return findings;
  }
  if (root?.kind !== 'map') {
    findings.push({
      range: root?.range ?? { start: 0, end: 0 },
      severity: 1,
      code: 'not-a-map',
      message: 'An MLproject file is a YAML map with "name", an environment and "entry_points".',
    });
    return findings;
  }
  const context = {
    root,
    text,
    report: (
      range: MlprojectFinding['range'],
      severity: MlprojectFinding['severity'],
      code: MlprojectFinding['code'],
      message: string,
    ) => {
      findings.push({ range, severity, code, message });
    },
  };
  for (const rule of RULES) {
    rule(context);
  }
  return findings;
}

/** Validate an MLproject file: YAML syntax and safety, then every MLproject rule. Pure and bounded. */
export function validateMlproject(text: string): Diagnostic[] {
  return findingsToDiagnostics(text, findMlprojectProblems(text), MLPROJECT_SOURCE);
}
