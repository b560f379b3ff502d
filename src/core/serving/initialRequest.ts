import { generateRequestBody } from './generateRequestBody';
import { readServingInfo, type ServingSignature } from './servingSignature';
import { wrapInputExample } from './wrapInputExample';

/** Where a Try it request body came from, in the order they are tried. */
export type RequestSource = 'serving_input_example.json' | 'input_example.json' | 'signature' | 'template';

/** The body the panel opens with, and the signature it checks edits against. */
export interface InitialRequest {
  readonly body: string;
  readonly source: RequestSource;
  readonly signature: ServingSignature | undefined;
}

const TEMPLATE = JSON.stringify({ dataframe_split: { columns: [], data: [] } }, null, 2);

/**
 * Pick the first body available: the serving payload MLflow wrote at logging time, else the raw
 * input example wrapped for the scoring server, else one generated from the signature, else an
 * empty template. `read` gives a file beside the MLmodel (undefined when absent).
 */
export async function initialRequest(
  read: (name: string) => Promise<string | undefined>,
): Promise<InitialRequest> {
  const mlmodel = await read('MLmodel');
  const info =
    mlmodel === undefined ? { signature: undefined, inputExample: undefined } : readServingInfo(mlmodel);
  const signature = info.signature;
  const serving = await read(info.inputExample?.servingInputPath ?? 'serving_input_example.json');
  if (serving !== undefined && serving.trim() !== '') {
    return { body: serving, source: 'serving_input_example.json', signature };
  }
  const example = await read(info.inputExample?.artifactPath ?? 'input_example.json');
  const wrapped = example === undefined ? undefined : wrapInputExample(example, info.inputExample);
  if (wrapped !== undefined) {
    return { body: wrapped, source: 'input_example.json', signature };
  }
  if (signature) {
    try {
      return { body: generateRequestBody(signature), source: 'signature', signature };
    } catch {
      // a tensor too large to write out: the template below is the honest answer
    }
  }
  return { body: TEMPLATE, source: 'template', signature };
}
