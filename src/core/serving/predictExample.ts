import { readServingInfo } from './servingSignature';
import { wrapInputExample } from './wrapInputExample';

/**
 * What "Predict with Example" hands to `mlflow models predict -i`: a file beside the MLmodel as
 * it is, or a body to write first because the file on disk is not a request MLflow accepts.
 */
export type PredictExample =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'wrapped'; readonly body: string; readonly from: string };

/** A file name beside the MLmodel, never a path out of the model folder. */
const plainName = (name: string | undefined): string | undefined =>
  name !== undefined && /^[\w][\w.-]*$/.test(name) ? name : undefined;

/** The two files beside an MLmodel that may hold its example: the serving payload and the raw one. */
export function exampleFileNames(mlmodel: string | undefined): { serving: string; raw: string } {
  const info = mlmodel === undefined ? undefined : readServingInfo(mlmodel).inputExample;
  return {
    serving: plainName(info?.servingInputPath) ?? 'serving_input_example.json',
    raw: plainName(info?.artifactPath) ?? 'input_example.json',
  };
}

/**
 * The example request of a model whose files are not on this machine (a logged model on a
 * tracking server): the MLmodel and the example files are read through `read` (undefined: no
 * such file), and the request is what {@link predictExample} would hand MLflow, as a body.
 */
export async function fetchedPredictRequest(
  read: (name: string) => Promise<string | undefined>,
): Promise<{ readonly body: string; readonly from: string } | undefined> {
  const mlmodel = await read('MLmodel');
  const { serving, raw } = exampleFileNames(mlmodel);
  const files = new Map<string, string>();
  for (const name of [serving, raw]) {
    const text = await read(name);
    if (text !== undefined) {
      files.set(name, text);
    }
  }
  const example = predictExample(
    mlmodel,
    (name) => files.has(name),
    (name) => files.get(name),
  );
  if (example === undefined) {
    return undefined;
  }
  return example.kind === 'wrapped'
    ? { body: example.body, from: example.from }
    : { body: files.get(example.name) ?? '', from: example.name };
}

/**
 * The model's own example as a request for `mlflow models predict`. The serving payload MLflow
 * wrote at logging time (serving_input_example.json, since MLflow 2.14) is already one. Before
 * that, a model has only input_example.json, the raw example (a pandas frame in split orient, an
 * array…), which `mlflow models predict` rejects ("must be a JSON dictionary with exactly one of
 * the input fields …"): it is wrapped the way the scoring server reads it. A form with no JSON
 * request (a sparse matrix) is passed as it is, for MLflow to say why. Undefined: no example.
 */
export function predictExample(
  mlmodel: string | undefined,
  exists: (name: string) => boolean,
  read: (name: string) => string | undefined,
): PredictExample | undefined {
  const info = mlmodel === undefined ? undefined : readServingInfo(mlmodel).inputExample;
  const { serving, raw } = exampleFileNames(mlmodel);
  if (exists(serving)) {
    return { kind: 'file', name: serving };
  }
  if (!exists(raw)) {
    return undefined;
  }
  const text = read(raw);
  const body = text === undefined ? undefined : wrapInputExample(text, info);
  return body === undefined ? { kind: 'file', name: raw } : { kind: 'wrapped', body, from: raw };
}
