import * as assert from 'node:assert/strict';
import { parseTrackingUri } from '../../../../src/core/connection/trackingUri';
import { serverUiUrl } from '../../../../src/core/explorer/serverUiUrl';

const run = { kind: 'run', experimentId: '12', runId: 'abc123' } as const;
const version = { kind: 'modelVersion', name: 'iris classifier', version: '3' } as const;

describe('the web UI address of a run, experiment or model', () => {
  it('uses the fragment routes of an MLflow server at its base URL', () => {
    const target = { kind: 'rest', baseUrl: 'http://127.0.0.1:5000' } as const;
    assert.equal(serverUiUrl(target, run), 'http://127.0.0.1:5000/#/experiments/12/runs/abc123');
    assert.equal(
      serverUiUrl(target, { kind: 'experiment', experimentId: '0' }),
      'http://127.0.0.1:5000/#/experiments/0',
    );
    assert.equal(serverUiUrl(target, version), 'http://127.0.0.1:5000/#/models/iris%20classifier/versions/3');
    assert.equal(
      serverUiUrl(target, { kind: 'registeredModel', name: 'iris classifier' }),
      'http://127.0.0.1:5000/#/models/iris%20classifier',
    );
  });

  it('keeps the path prefix of a server behind a reverse proxy (the tracking URI as parsed)', () => {
    const parsed = parseTrackingUri('https://example.com/teams/ml/mlflow/', '/');
    assert.ok(parsed.ok && parsed.target.kind === 'rest');
    assert.equal(
      serverUiUrl({ kind: 'rest', baseUrl: parsed.target.baseUrl }, run),
      'https://example.com/teams/ml/mlflow/#/experiments/12/runs/abc123',
    );
  });

  it("opens a Databricks workspace's /ml pages on its host", () => {
    const target = { kind: 'databricks', host: 'https://adb-123.4.azuredatabricks.net/' } as const;
    assert.equal(
      serverUiUrl(target, run),
      'https://adb-123.4.azuredatabricks.net/ml/experiments/12/runs/abc123',
    );
    assert.equal(
      serverUiUrl(target, version),
      'https://adb-123.4.azuredatabricks.net/ml/models/iris%20classifier/versions/3',
    );
  });

  it('sends an Azure ML workspace to Azure ML studio with the workspace id taken from the azureml:// URI', () => {
    const uri =
      'azureml://westeurope.api.azureml.ms/mlflow/v1.0/subscriptions/sub-1/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
    const parsed = parseTrackingUri(uri, '/');
    assert.ok(parsed.ok && parsed.target.kind === 'azureml');
    const target = { kind: 'azureml', baseUrl: parsed.target.baseUrl } as const;
    const wsid =
      '?wsid=/subscriptions/sub-1/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
    assert.equal(serverUiUrl(target, run), `https://ml.azure.com/runs/abc123${wsid}`);
    assert.equal(
      serverUiUrl(target, { kind: 'experiment', experimentId: 'e-9' }),
      `https://ml.azure.com/experiments/id/e-9${wsid}`,
    );
    assert.equal(
      serverUiUrl(target, version),
      `https://ml.azure.com/model/iris%20classifier%3A3/details${wsid}`,
    );
    assert.equal(
      serverUiUrl(
        {
          kind: 'azureml',
          baseUrl:
            'https://usgovvirginia.api.ml.azure.us/mlflow/v1.0/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w',
        },
        run,
      )?.startsWith('https://ml.azure.us/runs/abc123?wsid='),
      true,
    );
    assert.equal(
      serverUiUrl({ kind: 'azureml', baseUrl: 'https://westeurope.api.azureml.ms/mlflow/v1.0' }, run),
      undefined,
      'no workspace id, no studio page',
    );
  });

  it('percent-encodes ids so that a name cannot change the route', () => {
    const url = serverUiUrl(
      { kind: 'rest', baseUrl: 'http://h' },
      { kind: 'registeredModel', name: '../x#/y?z' },
    );
    assert.equal(url, 'http://h/#/models/..%2Fx%23%2Fy%3Fz');
  });
});
