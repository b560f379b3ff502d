import { formatRequestJson } from './formatRequestJson';
import type { InputExampleInfo } from './servingSignature';

/** The top-level keys MLflow's scoring server reads a JSON request from. */
export const SERVING_INPUT_KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;

/**
 * Turn a raw `input_example.json` into a scoring-server request, as MLflow itself does when it
 * writes serving_input_example.json: a split-oriented frame becomes `dataframe_split`, a
 * records-oriented one `dataframe_records`, arrays and JSON objects `inputs`. Sparse matrices
 * have no JSON request form, so they give undefined (the caller falls back to the signature).
 */
export function wrapInputExample(
  exampleText: string,
  info: InputExampleInfo | undefined,
): string | undefined {
  let example: unknown;
  try {
    example = JSON.parse(exampleText);
  } catch {
    return undefined;
  }
  if (
    typeof example === 'object' &&
    example !== null &&
    !Array.isArray(example) &&
    Object.keys(example).some((k) => (SERVING_INPUT_KEYS as readonly string[]).includes(k))
  ) {
    return formatRequestJson(example);
  }
  const type = info?.type ?? 'dataframe';
  if (type.startsWith('sparse_matrix')) {
    return undefined;
  }
  if (type === 'dataframe') {
    const orient = info?.pandasOrient ?? (Array.isArray(example) ? 'records' : 'split');
    return formatRequestJson(
      orient === 'records' ? { dataframe_records: example } : { dataframe_split: example },
    );
  }
  return formatRequestJson({ inputs: example });
}
