import { load } from 'js-yaml';
import type { JsonObject } from '../common/jsonFields';
import { versionFiles, type VersionFiles } from '../compare/versionArtifactPath';
import type { ModelVersion } from '../registry/entities/modelVersion';
import { modelUriParts } from '../serving/modelUriParts';
import { LOGGED_MODEL_ID } from '../tracking/entities/loggedModel';
import { requiredString } from './toolInput';
import { MAX_VALUE, clip, compact, toolText } from './toolOutput';
import { ToolInputError, type MlflowTool, type ToolCall } from './toolTypes';

/** An MLmodel is a few KB; one far larger is not worth a model's context. */
const MAX_MLMODEL_BYTES = 1024 * 1024;
/** Longest signature section (JSON text) answered whole; longer ones are cut and say so. */
const MAX_SECTION = 8_000;

/** Where the MLmodel of a model URI is. */
async function filesOf(uri: string, { stores, signal }: ToolCall): Promise<VersionFiles> {
  const logged = /^models:\/(m-[0-9a-f]{32})\/?$/.exec(uri)?.[1];
  if (logged !== undefined && LOGGED_MODEL_ID.test(logged)) {
    return { kind: 'loggedModel', modelId: logged };
  }
  const parts = modelUriParts(uri);
  let version: ModelVersion;
  switch (parts.kind) {
    case 'run':
      return { kind: 'run', runId: parts.runId, path: parts.artifactPath };
    case 'version':
      version = await stores.registry.getModelVersion(parts.name, parts.version, { signal });
      break;
    case 'alias':
      version = await stores.registry.getModelVersionByAlias(parts.name, parts.alias, { signal });
      break;
    default:
      throw new ToolInputError(
        'model_uri is runs:/<run_id>/<path>, models:/<name>/<version>, models:/<name>@<alias> or models:/m-<id>.',
      );
  }
  const files = versionFiles(version);
  if (files === undefined) {
    throw new ToolInputError(
      `The version's source (${clip(version.source, MAX_VALUE) ?? 'none'}) is not in this store.`,
    );
  }
  return files;
}

/** One signature section: parsed JSON when small enough, else its text cut with a note. */
function section(raw: unknown): unknown {
  if (typeof raw !== 'string') {
    return undefined;
  }
  if (raw.length > MAX_SECTION) {
    return `${clip(raw, MAX_SECTION)} [cut at ${String(MAX_SECTION)} of ${String(raw.length)} characters]`;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return clip(raw, MAX_SECTION);
  }
}

export const getModelSignature: MlflowTool = {
  name: 'get_model_signature',
  title: 'Get MLflow Model Signature',
  description:
    "Reads a logged or registered model's MLmodel file and answers its signature (the input columns or tensors " +
    'with their types, the outputs, the inference params), its flavors and whether it has an input example. Use it ' +
    'before writing code that calls the model or builds a request body for it. model_uri is runs:/<run_id>/<path>, ' +
    'models:/<name>/<version>, models:/<name>@<alias> or models:/m-<id>.',
  inputSchema: {
    type: 'object',
    properties: { model_uri: { type: 'string', description: 'e.g. models:/churn-classifier@champion.' } },
    required: ['model_uri'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, call) {
    const uri = requiredString(input, 'model_uri');
    const files = await filesOf(uri, call);
    const request = { maxBytes: MAX_MLMODEL_BYTES, signal: call.signal };
    const bytes =
      files.kind === 'loggedModel'
        ? await call.stores.tracking.readLoggedModelArtifact({
            ...request,
            modelId: files.modelId,
            path: 'MLmodel',
          })
        : await call.stores.tracking.readArtifact({
            ...request,
            runId: files.runId,
            path: files.path === '' ? 'MLmodel' : `${files.path}/MLmodel`,
          });
    const doc = load(new TextDecoder().decode(bytes), { maxDepth: 20, maxAliases: 0 });
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new ToolInputError('That MLmodel file is not a YAML mapping.');
    }
    const mlmodel = doc as JsonObject;
    const sig =
      typeof mlmodel.signature === 'object' && mlmodel.signature !== null
        ? (mlmodel.signature as JsonObject)
        : undefined;
    const flavors =
      typeof mlmodel.flavors === 'object' && mlmodel.flavors !== null ? Object.keys(mlmodel.flavors) : [];
    return toolText(
      compact({
        model_uri: clip(uri, MAX_VALUE),
        flavors: flavors.slice(0, 20).map((f) => clip(f)),
        signature:
          sig === undefined
            ? undefined
            : compact({
                inputs: section(sig.inputs),
                outputs: section(sig.outputs),
                params: section(sig.params),
              }),
        note: sig === undefined ? 'this model was logged without a signature' : undefined,
        has_input_example: mlmodel.saved_input_example_info !== undefined,
        mlflow_version: typeof mlmodel.mlflow_version === 'string' ? clip(mlmodel.mlflow_version) : undefined,
      }),
    );
  },
};
