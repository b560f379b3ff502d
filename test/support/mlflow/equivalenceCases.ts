// Test support: recorded REST answers paired with the store call that should reproduce them, for
// the equivalence tests (a local store over the same data must give the same entities). Not product code.
import { optArray, optString, type JsonObject } from '../../../src/core/common/jsonFields';
import type { RegistryStore } from '../../../src/core/registry/registryStore';
import { parseModelVersion } from '../../../src/core/registry/entities/modelVersion';
import { parseRegisteredModel } from '../../../src/core/registry/entities/registeredModel';
import { parseArtifactFile } from '../../../src/core/tracking/entities/artifactFile';
import { parseExperiment } from '../../../src/core/tracking/entities/experiment';
import { parseMetric, parseMetricPoint } from '../../../src/core/tracking/entities/metric';
import { parseRun } from '../../../src/core/tracking/entities/run';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/** One recorded answer and the call that should give the same entities. */
export interface TrackingCase {
  readonly file: string;
  readonly call: (s: TrackingStore) => Promise<unknown>;
  readonly expected: (body: JsonObject) => unknown;
}

/** Same, for the registry. */
export interface RegistryCase {
  readonly file: string;
  readonly call: (s: RegistryStore) => Promise<unknown>;
  readonly expected: (body: JsonObject) => unknown;
}

const page =
  (field: string, parse: (x: unknown) => unknown) =>
  (b: JsonObject): unknown => ({
    items: optArray(b, field, parse),
    nextPageToken: optString(b, 'next_page_token'),
  });

/** Tracking cases for the sqlite-backed server recordings (`rest/`). */
export const SQLITE_TRACKING_CASES: TrackingCase[] = [
  {
    file: '002',
    call: (s) => s.searchExperiments({ maxResults: 2 }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '003',
    call: (s) => s.searchExperiments({ maxResults: 2, pageToken: 'eyJvZmZzZXQiOiAyfQ==' }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '004',
    call: (s) => s.searchExperiments({ maxResults: 2, pageToken: 'eyJvZmZzZXQiOiA0fQ==' }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '005',
    call: (s) => s.searchExperiments({ maxResults: 100, viewType: 'ALL' }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '006',
    call: (s) => s.searchExperiments({ maxResults: 100, viewType: 'DELETED_ONLY' }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '007',
    call: (s) =>
      s.searchExperiments({
        maxResults: 100,
        filter: "tags.team != 'nobody' AND name LIKE '%i%'",
        orderBy: ['name ASC'],
      }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '008',
    call: (s) =>
      s.searchExperiments({
        maxResults: 100,
        filter: "name LIKE '%-%'",
        orderBy: ['last_update_time DESC', 'name ASC'],
      }),
    expected: page('experiments', parseExperiment),
  },
  {
    file: '009',
    call: (s) => s.searchExperiments({ maxResults: 10, filter: "tags.team = 'vision-platform'" }),
    expected: page('experiments', parseExperiment),
  },
  ...['010', '011', '012'].map((file, i): TrackingCase => ({
    file,
    call: (s) => s.getExperiment(['1', '0', '5'][i] ?? ''),
    expected: (b) => parseExperiment(b.experiment),
  })),
  {
    file: '013',
    call: (s) => s.getExperimentByName('iris-classification'),
    expected: (b) => parseExperiment(b.experiment),
  },
  { file: '016', call: (s) => s.searchRuns({ experimentIds: ['1'] }), expected: page('runs', parseRun) },
  ...['017', '018', '019', '020', '021', '022'].map((file, i): TrackingCase => ({
    file,
    call: (s) =>
      s.searchRuns({
        experimentIds: ['1', '2', '3'],
        maxResults: 5,
        ...(i === 0 ? {} : { pageToken: Buffer.from(`{"offset": ${i * 5}}`).toString('base64') }),
      }),
    expected: page('runs', parseRun),
  })),
  {
    file: '023',
    call: (s) =>
      s.searchRuns({
        experimentIds: ['1'],
        filter: "metrics.test_accuracy > 0.9 and tags.model_type = 'logistic_regression'",
        orderBy: ['metrics.test_accuracy DESC', 'attributes.start_time ASC'],
        maxResults: 10,
      }),
    expected: page('runs', parseRun),
  },
  {
    file: '024',
    call: (s) => s.searchRuns({ experimentIds: ['1'], filter: "params.C = '1.0'" }),
    expected: page('runs', parseRun),
  },
  {
    file: '025',
    call: (s) => s.searchRuns({ experimentIds: ['1'], filter: "attributes.status != 'FINISHED'" }),
    expected: page('runs', parseRun),
  },
  {
    file: '026',
    call: (s) =>
      s.searchRuns({
        experimentIds: ['1'],
        filter: "attributes.run_name LIKE 'rf-%'",
        orderBy: ['attributes.run_name'],
      }),
    expected: page('runs', parseRun),
  },
  {
    file: '027',
    call: (s) =>
      s.searchRuns({
        experimentIds: ['3'],
        filter: "tags.mlflow.parentRunId = '4b3d31aeb9ea48278f39fc9b6f4d33cf'",
        orderBy: ['metrics.final_accuracy DESC'],
      }),
    expected: page('runs', parseRun),
  },
  {
    file: '028',
    call: (s) => s.searchRuns({ experimentIds: ['1'], runViewType: 'DELETED_ONLY' }),
    expected: page('runs', parseRun),
  },
  {
    file: '029',
    call: (s) =>
      s.searchRuns({
        experimentIds: ['1'],
        runViewType: 'ALL',
        maxResults: 3,
        orderBy: ['attributes.end_time DESC'],
      }),
    expected: page('runs', parseRun),
  },
  {
    file: '030',
    call: (s) =>
      s.searchRuns({
        experimentIds: ['2'],
        filter: 'metrics.`train/rmse` < 100',
        orderBy: ['metrics.`train/rmse` ASC'],
        maxResults: 3,
      }),
    expected: page('runs', parseRun),
  },
  { file: '031', call: (s) => s.searchRuns({ experimentIds: ['4'] }), expected: page('runs', parseRun) },
  ...[
    ['033', '5479c2e952464803bc764edb72ee0164'],
    ['034', 'f6ab2f84b6514b99ba4ca3708d64ba68'],
    ['035', 'f0ed2f37bebd4ce7b35b87869ab476d7'],
    ['036', '2381ccac13b345a4b67a1a6607ac284d'],
    ['037', '34c792b0b2c74e15b409b0e3957d1918'],
    ['038', 'c4277242c4c045f9bdd8cc9e2425ef66'],
  ].map(([file, id]): TrackingCase => ({
    file: file ?? '',
    call: (s) => s.getRun(id ?? ''),
    expected: (b) => parseRun(b.run),
  })),
  ...[
    ['040', '5479c2e952464803bc764edb72ee0164', 'loss'],
    ['042', 'f6ab2f84b6514b99ba4ca3708d64ba68', 'loss'],
    ['043', '7472667d1263465d9be53f36562f93e0', 'train/rmse'],
    ['044', '5479c2e952464803bc764edb72ee0164', 'nope'],
  ].map(([file, runId, metricKey]): TrackingCase => ({
    file: file ?? '',
    call: (s) => s.getMetricHistory({ runId: runId ?? '', metricKey: metricKey ?? '' }),
    expected: (b) => optArray(b, 'metrics', parseMetric),
  })),
  {
    file: '045',
    call: (s) =>
      s.getSampledMetricHistory({
        runIds: ['34c792b0b2c74e15b409b0e3957d1918', '3cca5aea602b43f0a03cb731c48b1372'],
        metricKey: 'loss',
        maxResults: 20,
      }),
    expected: (b) => optArray(b, 'metrics', parseMetricPoint),
  },
  {
    file: '046',
    call: (s) =>
      s.getSampledMetricHistory({
        runIds: ['5479c2e952464803bc764edb72ee0164'],
        metricKey: 'loss',
        startStep: 50,
        endStep: 100,
        maxResults: 5,
      }),
    expected: (b) => optArray(b, 'metrics', parseMetricPoint),
  },
  ...[
    ['048', undefined],
    ['049', 'plots'],
    ['050', 'model'],
    ['051', 'reports/html'],
  ].map(([file, p]): TrackingCase => ({
    file: file ?? '',
    call: (s) =>
      s.listArtifacts({ runId: '5479c2e952464803bc764edb72ee0164', ...(p === undefined ? {} : { path: p }) }),
    expected: (b) => ({
      rootUri: optString(b, 'root_uri'),
      items: optArray(b, 'files', parseArtifactFile),
      nextPageToken: undefined,
    }),
  })),
  {
    file: '052',
    call: (s) => s.listArtifacts({ runId: 'f6ab2f84b6514b99ba4ca3708d64ba68' }),
    expected: (b) => ({ rootUri: optString(b, 'root_uri'), items: [], nextPageToken: undefined }),
  },
];

/** Registry cases for the sqlite-backed server recordings (`rest/`). */
export const SQLITE_REGISTRY_CASES: RegistryCase[] = [
  {
    file: '060',
    call: (s) => s.searchRegisteredModels({ maxResults: 100 }),
    expected: page('registered_models', parseRegisteredModel),
  },
  {
    file: '061',
    call: (s) => s.searchRegisteredModels({ maxResults: 2 }),
    expected: page('registered_models', parseRegisteredModel),
  },
  {
    file: '062',
    call: (s) => s.searchRegisteredModels({ maxResults: 2, pageToken: 'eyJvZmZzZXQiOiAyfQ==' }),
    expected: page('registered_models', parseRegisteredModel),
  },
  {
    file: '063',
    call: (s) => s.searchRegisteredModels({ filter: "name LIKE 'iris%'", orderBy: ['name DESC'] }),
    expected: page('registered_models', parseRegisteredModel),
  },
  {
    file: '064',
    call: (s) => s.searchRegisteredModels({ filter: "tags.task = 'classification'" }),
    expected: page('registered_models', parseRegisteredModel),
  },
  ...['iris-classifier', 'wine-quality-regressor', 'empty-model'].map((name, i): RegistryCase => ({
    file: `06${6 + i}`,
    call: (s) => s.getRegisteredModel(name),
    expected: (b) => parseRegisteredModel(b.registered_model),
  })),
  {
    file: '069',
    call: (s) => s.searchModelVersions({ filter: "name='iris-classifier'" }),
    expected: page('model_versions', parseModelVersion),
  },
  {
    file: '070',
    call: (s) => s.searchModelVersions({ maxResults: 100 }),
    expected: page('model_versions', parseModelVersion),
  },
  {
    file: '071',
    call: (s) => s.searchModelVersions({ filter: "run_id = '5479c2e952464803bc764edb72ee0164'" }),
    expected: page('model_versions', parseModelVersion),
  },
  {
    file: '072',
    call: (s) =>
      s.searchModelVersions({
        filter: "name='iris-classifier'",
        orderBy: ['version_number DESC'],
        maxResults: 2,
      }),
    expected: page('model_versions', parseModelVersion),
  },
  {
    file: '073',
    call: (s) => s.getModelVersion('iris-classifier', '2'),
    expected: (b) => parseModelVersion(b.model_version),
  },
  {
    file: '074',
    call: (s) => s.getModelVersion('wine-quality-regressor', '2'),
    expected: (b) => parseModelVersion(b.model_version),
  },
  {
    file: '076',
    call: (s) => s.getModelVersionByAlias('iris-classifier', 'champion'),
    expected: (b) => parseModelVersion(b.model_version),
  },
  {
    file: '077',
    call: (s) => s.getModelVersionByAlias('iris-classifier', 'challenger'),
    expected: (b) => parseModelVersion(b.model_version),
  },
];
