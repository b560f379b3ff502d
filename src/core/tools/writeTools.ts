import { aliasNameProblem } from '../explorer/aliasPrompt';
import { requiredString } from './toolInput';
import { MAX_VALUE, clip, toolText } from './toolOutput';
import { ToolInputError, type MlflowTool, type ToolInput } from './toolTypes';

/** Said when the connection has no writer: local stores are read-only everywhere in the extension. */
const READ_ONLY =
  'This connection is a local store (mlflow.db or mlruns), which is read-only here; connect to an MLflow tracking server to change it.';

function aliasInput(input: ToolInput): { name: string; alias: string; version: string } {
  const name = requiredString(input, 'name');
  const alias = requiredString(input, 'alias');
  const version = requiredString(input, 'version');
  const problem = aliasNameProblem(alias);
  if (problem !== undefined) {
    throw new ToolInputError(`Alias "${clip(alias)}": ${problem}`);
  }
  if (!/^\d+$/.test(version)) {
    throw new ToolInputError('"version" is a version number such as "3".');
  }
  return { name, alias, version };
}

export const setModelAlias: MlflowTool = {
  name: 'set_model_alias',
  title: 'Set MLflow Model Alias',
  description:
    'Points an alias of a registered model (e.g. champion) at one of its versions, moving it if it pointed at ' +
    'another; code loading models:/<name>@<alias> then gets that version. This CHANGES the registry and the user ' +
    'is asked to confirm. Only on a tracking server (local stores are read-only).',
  inputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'The registered model name.' },
      alias: { type: 'string', description: 'Letters, digits, - and _ (not latest or v<digits>).' },
      version: { type: 'string', description: 'The version number the alias will point at.' },
    },
    required: ['name', 'alias', 'version'],
    additionalProperties: false,
  },
  writes: true,
  describeChange(input) {
    const { name, alias, version } = aliasInput(input);
    return `Set alias "${clip(alias)}" of registered model "${clip(name)}" to version ${version}.`;
  },
  async run(input, { stores, signal }) {
    const { name, alias, version } = aliasInput(input);
    if (stores.registryWriter === undefined) {
      throw new ToolInputError(READ_ONLY);
    }
    await stores.registryWriter.setAlias(name, alias, version, { signal });
    return toolText(`Alias "${clip(alias)}" of "${clip(name)}" now points at version ${version}.`);
  },
};

function tagInput(input: ToolInput): { runId: string; key: string; value: string } {
  const runId = requiredString(input, 'run_id');
  const key = requiredString(input, 'key');
  const raw = input.value;
  if (typeof raw !== 'string' || raw.length > 5000) {
    throw new ToolInputError('"value" is a string of at most 5,000 characters.');
  }
  // mlflow.* tags carry MLflow's own meaning (source, git commit, parent run): not the model's to change.
  if (key.startsWith('mlflow.')) {
    throw new ToolInputError('Tags starting with "mlflow." are MLflow\'s own; choose another key.');
  }
  return { runId, key, value: raw };
}

export const setRunTag: MlflowTool = {
  name: 'set_run_tag',
  title: 'Set MLflow Run Tag',
  description:
    'Sets one tag on a run (creating it or replacing its value), e.g. to mark a run as reviewed. Keys starting with ' +
    '"mlflow." are refused. This CHANGES the run and the user is asked to confirm. Only on a tracking server.',
  inputSchema: {
    type: 'object',
    properties: {
      run_id: { type: 'string', description: 'The run id.' },
      key: { type: 'string', description: 'The tag key.' },
      value: { type: 'string', description: 'The tag value.' },
    },
    required: ['run_id', 'key', 'value'],
    additionalProperties: false,
  },
  writes: true,
  describeChange(input) {
    const { runId, key, value } = tagInput(input);
    return `Set tag "${clip(key)}" to "${clip(value, MAX_VALUE)}" on run ${clip(runId)}.`;
  },
  async run(input, { stores, signal }) {
    const { runId, key, value } = tagInput(input);
    if (stores.trackingWriter === undefined) {
      throw new ToolInputError(READ_ONLY);
    }
    await stores.trackingWriter.setRunTag(runId, key, value, { signal });
    return toolText(`Tag "${clip(key)}" set on run ${clip(runId)}.`);
  },
};
