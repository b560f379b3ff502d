import type { OffsetRange } from '../yaml/yamlAst';

/** Stable ids of every MLmodel check; shown in Problems and used by `--rule`-style filters. */
export type MlmodelCode =
  | 'yaml-syntax'
  | 'yaml-too-large'
  | 'yaml-binary'
  | 'yaml-unsafe-tag'
  | 'yaml-aliases'
  | 'yaml-multiple-documents'
  | 'yaml-duplicate-key'
  | 'yaml-flow-indentation'
  | 'not-a-map'
  | 'wrong-type'
  | 'number-as-string'
  | 'unknown-key'
  | 'unknown-flavor-key'
  | 'invalid-value'
  | 'flavors-missing'
  | 'flavors-empty'
  | 'flavor-misspelled'
  | 'no-pyfunc'
  | 'loader-module-missing'
  | 'env-legacy-string'
  | 'env-empty'
  | 'python-version-mismatch'
  | 'id-format'
  | 'time-format'
  | 'version-format'
  | 'env-vars-not-strings'
  | 'signature-json'
  | 'signature-schema'
  | 'signature-params'
  | 'input-example-info'
  | 'missing-file';

/** Severity in the LSP's numbering: 1 error, 2 warning, 3 information, 4 hint. */
export type Severity = 1 | 2 | 3 | 4;

/** What a quick fix needs, carried on the diagnostic so the fix needs no second analysis. */
export type FixData =
  | { readonly fix: 'replace'; readonly replacement: string }
  | { readonly fix: 'add-pyfunc'; readonly flavor: string }
  | { readonly fix: 'env-to-map' }
  | { readonly fix: 'create-python-env'; readonly condaPath: string };

/** A finding before its offsets are turned into line/character positions. */
export interface Finding {
  readonly range: OffsetRange;
  readonly severity: Severity;
  readonly code: MlmodelCode;
  readonly message: string;
  readonly data?: FixData;
}
