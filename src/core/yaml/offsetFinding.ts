import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from './lineIndex';
import type { OffsetRange } from './yamlAst';
import type { YamlProblem } from './yamlProblem';

/** Severity in the LSP's numbering: 1 error, 2 warning, 3 information, 4 hint. */
export type FindingSeverity = 1 | 2 | 3 | 4;

/** A finding of any YAML-based language service, before offsets become line/character positions. */
export interface OffsetFinding {
  readonly range: OffsetRange;
  readonly severity: FindingSeverity;
  readonly code: string;
  readonly message: string;
  readonly data?: unknown;
}

/** A problem of the YAML itself, as a finding. */
export interface YamlProblemFinding {
  readonly range: OffsetRange;
  readonly severity: 1 | 2;
  readonly code: YamlProblem['code'];
  readonly message: string;
}

/** The problems of the YAML itself as findings; every YAML language reports them the same way. */
export function yamlProblemFindings(problems: readonly YamlProblem[]): {
  findings: YamlProblemFinding[];
  unreadable: boolean;
} {
  const findings = problems.map((p): YamlProblemFinding => ({
    range: p.range,
    severity: p.severity === 'error' ? 1 : 2,
    code: p.code,
    message: p.message,
  }));
  // Past these, the tree is partial or absent: rules would only add noise.
  const unreadable = problems.some(
    (p) => p.code === 'yaml-syntax' || p.code === 'yaml-too-large' || p.code === 'yaml-binary',
  );
  return { findings, unreadable };
}

/** Turn offset-based findings into LSP diagnostics attributed to `source`. */
export function findingsToDiagnostics(
  text: string,
  findings: readonly OffsetFinding[],
  source: string,
): Diagnostic[] {
  if (findings.length === 0) {
    // A clean file needs no line table; for a 5 MB file that was a tenth of the validation.
    return [];
  }
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const diagnostic: Diagnostic = {
      range: { start: lines.positionAt(finding.range.start), end: lines.positionAt(finding.range.end) },
      severity: finding.severity,
      code: finding.code,
      source,
      message: finding.message,
    };
    if (finding.data !== undefined) {
      diagnostic.data = finding.data;
    }
    return diagnostic;
  });
}
