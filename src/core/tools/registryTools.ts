import { quoteFilterValue } from '../prompts/promptTags';
import type { ModelVersion } from '../registry/entities/modelVersion';
import type { RegisteredModel } from '../registry/entities/registeredModel';
import { boundedInt, optionalString, requiredString } from './toolInput';
import { MAX_VALUE, clip, compact, firstItems, isoTime, toolText } from './toolOutput';
import type { MlflowTool } from './toolTypes';

function versionJson(v: ModelVersion, aliasesOf: ReadonlyMap<string, string[]>): Record<string, unknown> {
  // Some stores leave aliases out of version searches; the registered model always has them.
  const aliases = v.aliases.length > 0 ? v.aliases : (aliasesOf.get(v.version) ?? []);
  return compact({
    version: v.version,
    aliases: aliases.slice(0, 20).map((a) => clip(a)),
    stage: v.currentStage === undefined || v.currentStage === 'None' ? undefined : clip(v.currentStage),
    status: clip(v.status),
    run_id: clip(v.runId),
    source: clip(v.source, MAX_VALUE),
    created: isoTime(v.creationTimestamp),
    description: clip(v.description, MAX_VALUE),
  });
}

function modelJson(m: RegisteredModel): Record<string, unknown> {
  const aliases = firstItems(m.aliases, 20, 'aliases');
  return compact({
    name: clip(m.name),
    description: clip(m.description, MAX_VALUE),
    last_updated: isoTime(m.lastUpdatedTimestamp),
    aliases: Object.fromEntries(aliases.items.map((a) => [clip(a.alias), a.version])),
    aliases_note: aliases.note,
    latest_versions: m.latestVersions
      .slice(0, 10)
      .map((v) => compact({ version: v.version, stage: v.currentStage, run_id: v.runId })),
    tags: Object.fromEntries(m.tags.slice(0, 20).map((t) => [clip(t.key), clip(t.value, MAX_VALUE)])),
  });
}

export const listRegisteredModels: MlflowTool = {
  name: 'list_registered_models',
  title: 'List MLflow Registered Models',
  description:
    "Lists the MLflow Model Registry's registered models with their aliases (e.g. champion → version 3), latest " +
    "versions and tags. 'filter' uses MLflow's grammar, e.g. \"name LIKE '%churn%'\". Prompts are registry entries " +
    'too but the server hides them here. Answers JSON and next_page_token when more exist; list_model_versions ' +
    'gives every version of one model.',
  inputSchema: {
    type: 'object',
    properties: {
      filter: { type: 'string', description: "MLflow filter, e.g. name LIKE '%churn%'." },
      max_results: {
        type: 'integer',
        description: 'At most this many (1-100, default 50).',
        minimum: 1,
        maximum: 100,
      },
      page_token: { type: 'string', description: 'next_page_token of a previous answer.' },
    },
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const page = await stores.registry.searchRegisteredModels({
      filter: optionalString(input, 'filter'),
      maxResults: boundedInt(input, 'max_results', 50, 1, 100),
      pageToken: optionalString(input, 'page_token'),
      signal,
    });
    return toolText(
      compact({ registered_models: page.items.map(modelJson), next_page_token: page.nextPageToken }),
    );
  },
};

export const listModelVersions: MlflowTool = {
  name: 'list_model_versions',
  title: 'List MLflow Model Versions',
  description:
    'Lists the versions of one registered model, newest first: version number, aliases, stage, status, the run that ' +
    'produced it (run_id, for get_run) and its source URI. Answers JSON and next_page_token when more exist.',
  inputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'The registered model name.' },
      max_results: {
        type: 'integer',
        description: 'At most this many (1-100, default 50).',
        minimum: 1,
        maximum: 100,
      },
      page_token: { type: 'string', description: 'next_page_token of a previous answer.' },
    },
    required: ['name'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const name = requiredString(input, 'name');
    const model = await stores.registry.getRegisteredModel(name, { signal });
    const aliasesOf = new Map<string, string[]>();
    for (const a of model.aliases) {
      aliasesOf.set(a.version, [...(aliasesOf.get(a.version) ?? []), a.alias]);
    }
    const page = await stores.registry.searchModelVersions({
      filter: `name = ${quoteFilterValue(name)}`,
      orderBy: ['version_number DESC'],
      maxResults: boundedInt(input, 'max_results', 50, 1, 100),
      pageToken: optionalString(input, 'page_token'),
      signal,
    });
    return toolText(
      compact({
        name: clip(name),
        versions: page.items.map((v) => versionJson(v, aliasesOf)),
        next_page_token: page.nextPageToken,
      }),
    );
  },
};
