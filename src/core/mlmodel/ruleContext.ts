import type { OffsetRange, YamlMap } from '../yaml/yamlAst';
import type { FixData, Finding, MlmodelCode, Severity } from './mlmodelDiagnostic';

/** Options of {@link RuleContext} and of `validate`. */
export interface MlmodelValidateOptions {
  /** `major.minor[.patch]` of the interpreter the user selected, for the python_version hint. */
  readonly pythonVersion?: string;
}

/** What a rule sees: the parsed document and a way to report. */
export interface RuleContext {
  readonly text: string;
  readonly root: YamlMap;
  readonly options: MlmodelValidateOptions;
  report(range: OffsetRange, severity: Severity, code: MlmodelCode, message: string, data?: FixData): void;
}

/** One check over a parsed MLmodel; rules are independent and may run in any order. */
export type MlmodelRule = (context: RuleContext) => void;

/** A context that collects findings into an array. */
export function createRuleContext(
  text: string,
  root: YamlMap,
  options: MlmodelValidateOptions,
  findings: Finding[],
): RuleContext {
  return {
    text,
    root,
    options,
    report(range, severity, code, message, data) {
      findings.push(
        data === undefined ? { range, severity, code, message } : { range, severity, code, message, data },
      );
    },
  };
}
