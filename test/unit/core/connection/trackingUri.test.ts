import * as assert from 'node:assert/strict';
import {
  parseTrackingUri,
  redactUri,
  type TrackingTarget,
} from '../../../../src/core/connection/trackingUri';

const BASE = '/home/user/project';

function target(uri: string): TrackingTarget {
  const r = parseTrackingUri(uri, BASE);
  if (!r.ok) {
    assert.fail(`expected ${uri} to parse, got: ${r.error}`);
  }
  return r.target;
}

function problem(uri: string): string {
  const r = parseTrackingUri(uri, BASE);
  if (r.ok) {
    assert.fail(`expected ${uri} to be rejected, got ${r.target.kind}`);
  }
  return r.error;
}

describe('parseTrackingUri', () => {
  it('reads http(s) servers, keeping a path prefix and dropping the trailing slash', () => {
    assert.deepEqual(target('http://127.0.0.1:5000'), {
      kind: 'rest',
      uri: 'http://127.0.0.1:5000',
      baseUrl: 'http://127.0.0.1:5000',
      display: 'http://127.0.0.1:5000',
    });
    const t = target('  https://mlflow.example.com/team/mlflow/  ');
    assert.equal(t.kind, 'rest');
    assert.equal(t.baseUrl, 'https://mlflow.example.com/team/mlflow');
  });

  it('never shows a password from the URL', () => {
    const t = target('https://alice:s3cret@mlflow.example.com');
    assert.ok(!t.display.includes('s3cret'), t.display);
    assert.equal(t.display, 'https://alice:***@mlflow.example.com');
  });

  it('rejects a server URL with a query string or without a host', () => {
    assert.match(problem('http://host:5000/?x=1'), /no query string/);
    assert.match(problem('http://'), /not a valid URL|no host/);
  });

  it('reads databricks with and without a profile', () => {
    assert.deepEqual(target('databricks'), {
      kind: 'databricks',
      uri: 'databricks',
      profile: undefined,
      display: 'Databricks (default profile)',
    });
    const t = target('databricks://dev-ws');
    assert.equal(t.kind === 'databricks' && t.profile, 'dev-ws');
    const withPrefix = target('databricks://prod:scope');
    assert.equal(withPrefix.kind === 'databricks' && withPrefix.profile, 'prod');
    assert.match(problem('databricks://a/b'), /databricks:\/\/<profile>/);
  });

  it('turns azureml:// into the workspace https endpoint', () => {
    const uri =
      'azureml://eastus.api.azureml.ms/mlflow/v1.0/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/my-ws';
    const t = target(uri);
    assert.equal(t.kind, 'azureml');
    assert.equal(t.baseUrl, uri.replace('azureml://', 'https://'));
    assert.equal(t.display, 'Azure ML workspace my-ws (eastus.api.azureml.ms)');
    assert.match(problem('azureml://eastus.api.azureml.ms/mlflow'), /workspaces/);
  });

  it('accepts Azure ML only on its own hosts, where the Microsoft token may go', () => {
    const path =
      '/mlflow/v1.0/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/x';
    for (const host of [
      'westeurope.api.azureml.ms',
      'chinaeast2.api.ml.azure.cn',
      'usgovvirginia.api.ml.azure.us',
      'abc.workspace.eastus.api.azureml.ms',
    ]) {
      assert.equal(target(`azureml://${host}${path}`).kind, 'azureml', host);
    }
    for (const host of [
      'attacker.example.com',
      'api.azureml.ms.attacker.example',
      'evilapi.azureml.ms',
      'me@eastus.api.azureml.ms',
    ]) {
      assert.match(problem(`azureml://${host}${path}`), /not an Azure Machine Learning endpoint/, host);
    }
  });

  it('follows SQLAlchemy: three slashes relative, four absolute', () => {
    const rel = target('sqlite:///mlflow.db');
    assert.equal(rel.kind === 'sqlite' && rel.path, '/home/user/project/mlflow.db');
    const abs = target('sqlite:////data/stores/mlflow.db');
    assert.equal(abs.kind === 'sqlite' && abs.path, '/data/stores/mlflow.db');
    const spaced = target('sqlite:////data/my%20runs/mlflow.db');
    assert.equal(spaced.kind === 'sqlite' && spaced.path, '/data/my runs/mlflow.db');
    assert.match(problem('sqlite://'), /sqlite:\/\/\//);
    assert.match(problem('sqlite:///:memory:'), /database file/);
  });

  it('reads file: URIs and plain paths as a file store', () => {
    const f = target('file:///data/mlruns');
    assert.equal(f.kind === 'file' && f.path, '/data/mlruns');
    const local = target('file://localhost/data/mlruns');
    assert.equal(local.kind === 'file' && local.path, '/data/mlruns');
    const plain = target('./mlruns');
    assert.equal(plain.kind === 'file' && plain.path, '/home/user/project/mlruns');
    const win = target('C:\\work\\mlruns');
    assert.equal(win.kind, 'file');
    assert.match(problem('file://fileserver/share/mlruns'), /another host/);
  });

  it('sends server-only databases to an MLflow server, redacting their passwords', () => {
    const msg = problem('postgresql+psycopg2://bob:hunter2@db:5432/mlflow');
    assert.match(msg, /through an MLflow tracking server/);
    assert.ok(!msg.includes('hunter2'));
  });

  it('rejects empty input, control characters and unknown schemes with a reason', () => {
    assert.match(problem('   '), /empty/);
    assert.match(problem('http://host\n:5000'), /control characters/);
    assert.match(problem('ftp://host/runs'), /Unsupported tracking URI scheme "ftp:"/);
  });
});

describe('redactUri', () => {
  it('masks the password and keeps everything else', () => {
    assert.equal(redactUri('https://u:p@h:1/x'), 'https://u:***@h:1/x');
    // a password with "@" in it: nothing of it may show
    assert.equal(redactUri('https://u:p@ss@w0rd@h:1/x?a=b@c'), 'https://u:***@h:1/x?a=b@c');
    assert.equal(redactUri('https://token@h/x'), 'https://token:***@h/x');
    assert.equal(redactUri('http://h:5000/x'), 'http://h:5000/x');
  });
});
