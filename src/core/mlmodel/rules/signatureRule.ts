import { getPair, type YamlScalar } from '../../yaml/yamlAst';
import { scalarOffsets } from '../../yaml/scalarOffsets';
import type { MlmodelCode } from '../mlmodelDiagnostic';
import type { MlmodelRule, RuleContext } from '../ruleContext';
import { checkParams } from '../signature/checkParams';
import { checkSchema } from '../signature/checkSchema';
import { mapJsonRange } from '../signature/mapJsonRange';
import type { JsonNode } from '../signature/jsonNode';
import { parseJson } from '../signature/parseJson';
import type { SignatureProblem } from '../signature/signatureTypes';

function checkEntry(
  context: RuleContext,
  scalar: YamlScalar,
  code: MlmodelCode,
  check: (root: JsonNode) => SignatureProblem[],
): void {
  const decoded = scalarOffsets(context.text, scalar);
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) {
    const at = mapJsonRange(decoded, { start: parsed.offset, end: parsed.offset + 1 }, context.text);
    context.report(at, 1, 'signature-json', `Invalid JSON in the signature: ${parsed.message}`);
    return;
  }
  for (const problem of check(parsed.node)) {
    const range = mapJsonRange(decoded, problem.range, context.text);
    context.report(
      range,
      1,
      code,
      problem.message,
      problem.replacement === undefined ? undefined : { fix: 'replace', replacement: problem.replacement },
    );
  }
}

/** `signature.inputs/outputs/params`: JSON inside YAML strings, checked against MLflow's schema rules. */
export const signatureRule: MlmodelRule = (context) => {
  const signature = getPair(context.root, 'signature')?.value;
  if (signature?.kind !== 'map') {
    return;
  }
  for (const [key, code, check] of [
    ['inputs', 'signature-schema', checkSchema],
    ['outputs', 'signature-schema', checkSchema],
    ['params', 'signature-params', checkParams],
  ] as const) {
    const value = getPair(signature, key)?.value;
    // Non-strings are the structure rule's type error; null means "no schema".
    if (value?.kind === 'scalar' && typeof value.value === 'string') {
      checkEntry(context, value, code, check);
    }
  }
};
