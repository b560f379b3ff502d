import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { optArray, optString, type JsonObject } from '../../../../src/core/common/jsonFields';
import { StoreError } from '../../../../src/core/common/storeError';
import { parseModelVersion } from '../../../../src/core/registry/entities/modelVersion';
import { parseRegisteredModel } from '../../../../src/core/registry/entities/registeredModel';
import { FileRegistryStore } from '../../../../src/core/registry/fileRegistryStore';
import { parseArtifactFile } from '../../../../src/core/tracking/entities/artifactFile';
import { parseExperiment } from '../../../../src/core/tracking/entities/experiment';
import { parseMetric, parseMetricPoint } from '../../../../src/core/tracking/entities/metric';
import { parseRun } from '../../../../src/core/tracking/entities/run';
import { FileTrackingStore } from '../../../../src/core/tracking/file/fileTrackingStore';
import { normaliseOrder } from '../../../support/mlflow/normaliseEntities';
import { FIXTURES, loadExchange } from '../../../support/mlflow/recordedExchange';

const EXP = '784405746813086024';
const RUN = '458277971bbd47318952d7ac767704ff';
const page =
  (field: string, parse: (x: unknown) => unknown) =>
  (b: JsonObject): unknown => ({
    items: optArray(b, field, parse),
    nextPageToken: optString(b, 'next_page_token'),
  });
const listing = (b: JsonObject): unknown => ({
  rootUri: optString(b, 'root_uri'),
  items: optArray(b, 'files', parseArtifactFile),
  nextPageToken: undefined,
});

describe('file stores over the recorded mlruns give what the file-store server answered', () => {
  const tracking = new FileTrackingStore(path.join(FIXTURES, 'mlruns'), {
    artifactsDestination: path.join(FIXTURES, 'mlruns-served-artifacts'),
  });
  const registry = new FileRegistryStore(path.join(FIXTURES, 'mlruns'));
  const cases: Array<[string, () => Promise<unknown>, (b: JsonObject) => unknown]> = [
    [
      '001',
      () => tracking.searchExperiments({ maxResults: 100, viewType: 'ALL' }),
      page('experiments', parseExperiment),
    ],
    ['002', () => tracking.getExperiment(EXP), (b) => parseExperiment(b.experiment)],
    ['003', () => tracking.searchRuns({ experimentIds: [EXP], maxResults: 2 }), page('runs', parseRun)],
    [
      '004',
      () => tracking.searchRuns({ experimentIds: [EXP], maxResults: 2, pageToken: 'eyJvZmZzZXQiOiAyfQ==' }),
      page('runs', parseRun),
    ],
    [
      '005',
      () => tracking.searchRuns({ experimentIds: [EXP], runViewType: 'DELETED_ONLY' }),
      page('runs', parseRun),
    ],
    ['006', () => tracking.getRun(RUN), (b) => parseRun(b.run)],
    ['007', () => tracking.getRun('d6ddefcd6e304330bb963298453fc2e5'), (b) => parseRun(b.run)],
    [
      '008',
      () => tracking.getMetricHistory({ runId: RUN, metricKey: 'loss' }),
      (b) => optArray(b, 'metrics', parseMetric),
    ],
    [
      '009',
      () =>
        tracking.getSampledMetricHistory({
          runIds: [RUN, '62c629902a4b483f9ab8237e0886724a'],
          metricKey: 'loss',
          maxResults: 10,
        }),
      (b) => optArray(b, 'metrics', parseMetricPoint),
    ],
    ['010', () => tracking.listArtifacts({ runId: RUN }), listing],
    ['011', () => tracking.listArtifacts({ runId: RUN, path: 'model' }), listing],
    [
      '012',
      () => registry.searchRegisteredModels({ maxResults: 100 }),
      page('registered_models', parseRegisteredModel),
    ],
    [
      '013',
      () => registry.getRegisteredModel('iris-classifier'),
      (b) => parseRegisteredModel(b.registered_model),
    ],
    [
      '014',
      () => registry.searchModelVersions({ filter: "name='iris-classifier'" }),
      page('model_versions', parseModelVersion),
    ],
    [
      '015',
      () => registry.getModelVersionByAlias('iris-classifier', 'champion'),
      (b) => parseModelVersion(b.model_version),
    ],
  ];

  for (const [file, call, expected] of cases) {
    it(loadExchange('rest-filestore', file).file, async () => {
      const ex = loadExchange('rest-filestore', file);
      assert.deepEqual(
        normaliseOrder(await call()),
        normaliseOrder(expected(ex.response.json as JsonObject)),
      );
    });
  }

  it('017/018: missing experiment and run are RESOURCE_DOES_NOT_EXIST, as recorded', async () => {
    for (const [file, call] of [
      ['017', () => tracking.getExperiment('999999')],
      ['018', () => tracking.getRun('0123456789abcdef0123456789abcdef')],
    ] as const) {
      const ex = loadExchange('rest-filestore', file);
      const body = ex.response.json as { error_code: string; message: string };
      await assert.rejects(
        call(),
        (e: unknown) => StoreError.is(e) && e.errorCode === body.error_code && e.message === body.message,
      );
    }
  });

  it('lists a client-written mlruns-local (moved, so file:// artifact URIs point elsewhere)', async () => {
    const local = new FileTrackingStore(path.join(FIXTURES, 'mlruns-local'));
    const runs = await local.searchRuns({ experimentIds: ['537924336985335608'], runViewType: 'ALL' });
    assert.equal(runs.items.length, 6);
    const art = await local.listArtifacts({ runId: 'd43768cbc1154217a902f5747ca32735' });
    assert.deepEqual(
      art.items.map((f) => f.path),
      ['config.json', 'model', 'notes.txt', 'plots'],
    );
    const models = await new FileRegistryStore(path.join(FIXTURES, 'mlruns-local')).getModelVersionByAlias(
      'iris-classifier',
      'champion',
    );
    assert.equal(models.version, '2');
  });
});
