import { getPair } from '../../yaml/yamlAst';
import type { MlmodelCode } from '../mlmodelDiagnostic';
import type { MlmodelRule } from '../ruleContext';

interface FormatCheck {
  readonly key: string;
  readonly pattern: RegExp;
  readonly code: MlmodelCode;
  readonly expected: string;
}

// Warnings, not errors: MLflow never checks these on load, and real files (the MLflow UI's own
// test fixtures use `run_id: test-run-uuid`) carry other values.
const CHECKS: readonly FormatCheck[] = [
  {
    key: 'run_id',
    pattern: /^[0-9a-f]{32}$/,
    code: 'id-format',
    expected: '32 lowercase hexadecimal characters',
  },
  {
    key: 'model_uuid',
    // MLflow 3 writes the logged model's id here (`model_uuid: m-<id>`, recorded from 3.11.1).
    pattern: /^(m-)?[0-9a-f]{32}$/,
    code: 'id-format',
    expected: '32 lowercase hexadecimal characters (MLflow 3: the logged model\'s "m-" id)',
  },
  {
    key: 'model_id',
    pattern: /^m-[0-9a-f]{32}$/,
    code: 'id-format',
    expected: '"m-" and 32 hexadecimal characters',
  },
  {
    key: 'utc_time_created',
    pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/,
    code: 'time-format',
    expected: 'YYYY-MM-DD HH:MM:SS.ffffff (UTC)',
  },
  {
    key: 'mlflow_version',
    pattern: /^\d+\.\d+(\.\d+)?([.+-]?[0-9A-Za-z]+)*$/,
    code: 'version-format',
    expected: 'a version such as 2.17.2',
  },
];

/** Formats of ids, the creation time and the MLflow version. */
export const formatRule: MlmodelRule = (context) => {
  for (const check of CHECKS) {
    const value = getPair(context.root, check.key)?.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string' && !check.pattern.test(value.value)) {
      context.report(value.range, 2, check.code, `"${check.key}" should be ${check.expected}.`);
    }
  }
};
