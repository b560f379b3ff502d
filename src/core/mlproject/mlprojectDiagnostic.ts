import type { YamlProblemCode } from '../yaml/yamlProblem';
import type { OffsetRange, YamlMap } from '../yaml/yamlAst';

/** Stable ids of every MLproject check. */
export type MlprojectCode =
  | YamlProblemCode
  | 'not-a-map'
  | 'wrong-type'
  | 'unknown-key'
  | 'two-environments'
  | 'missing-file'
  | 'docker-image-missing'
  | 'docker-environment-entry'
  | 'entry-points-missing'
  | 'command-missing'
  | 'unknown-parameter-type'
  | 'default-mismatch'
  | 'unknown-placeholder'
  | 'unused-parameter';

/** A finding before its offsets are turned into line/character positions (1 error … 4 hint). */
export interface MlprojectFinding {
  readonly range: OffsetRange;
  readonly severity: 1 | 2 | 3 | 4;
  readonly code: MlprojectCode;
  readonly message: string;
}

/** What an MLproject rule sees: the parsed root map and a way to report. */
export interface MlprojectRuleContext {
  readonly root: YamlMap;
  readonly text: string;
  report(
    range: OffsetRange,
    severity: MlprojectFinding['severity'],
    code: MlprojectCode,
    message: string,
  ): void;
}

/** One independent check over a parsed MLproject. */
export type MlprojectRule = (context: MlprojectRuleContext) => void;
