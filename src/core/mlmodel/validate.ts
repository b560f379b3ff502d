import type { Diagnostic } from 'vscode-languageserver-types';
import { findingsToDiagnostics, yamlProblemFindings } from '../yaml/offsetFinding';
import { parseYaml } from '../yaml/parseYaml';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from '../yaml/yamlProblem';
import type { Finding } from './mlmodelDiagnostic';
import { ALL_RULES } from './rules/allRules';
import { createRuleContext, type MlmodelValidateOptions } from './ruleContext';

/** Options of {@link validate}. */
export interface ValidateOptions extends MlmodelValidateOptions {
  readonly limits?: YamlLimits;
}

/** Where diagnostics say they come from. */
export const DIAGNOSTIC_SOURCE = 'MLmodel';

/** The findings of an MLmodel text, with offsets; {@link validate} turns them into diagnostics. */
export function findProblems(text: string, options: ValidateOptions = {}): Finding[] {
  const document = parseYaml(text, options.limits ?? DEFAULT_YAML_LIMITS);
  const { findings: yamlFindings, unreadable } = yamlProblemFindings(document.problems);
  const findings: Finding[] = yamlFindings;
  const root = document.root;
  if (unreadable) {
    return findings;
  }
  if (root?.kind !== 'map') {
    const message = root
      ? 'An MLmodel file is a YAML map of keys such as "flavors".'
      : 'The file is empty: an MLmodel needs at least "flavors".';
    findings.push({
      range: root?.range ?? { start: 0, end: 0 },
      severity: 1,
      code: root ? 'not-a-map' : 'flavors-missing',
      message,
    });
    return findings;
  }
  const context = createRuleContext(text, root, options, findings);
  for (const rule of ALL_RULES) {
    rule(context);
  }
  return findings;
}

/** Turn offset-based findings into LSP diagnostics. */
export function toDiagnostics(text: string, findings: readonly Finding[]): Diagnostic[] {
  return findingsToDiagnostics(text, findings, DIAGNOSTIC_SOURCE);
}

/**
 * Validate an MLmodel file: YAML syntax and safety, then every MLmodel rule. Pure and bounded:
 * hostile input (huge, deep, alias bombs, binary) yields a diagnostic, never a hang or a throw.
 */
export function validate(text: string, options: ValidateOptions = {}): Diagnostic[] {
  return toDiagnostics(text, findProblems(text, options));
}
