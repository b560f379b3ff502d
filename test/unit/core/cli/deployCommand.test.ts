import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildDeployCommand,
  parseDeployConfig,
  parseDeploymentTargets,
  targetUriProblem,
} from '../../../../src/core/cli/deployCommand';

const CLI = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/cli');

describe('deployments', () => {
  it('discovers the installed targets from the real `deployments create --help`', () => {
    const help = fs.readFileSync(path.join(CLI, 'deployments-create-help.txt'), 'utf8');
    assert.deepEqual(parseDeploymentTargets(help), ['databricks', 'http', 'https', 'openai', 'sagemaker']);
    assert.deepEqual(parseDeploymentTargets('Usage: something else'), []);
  });

  it('checks target URIs against what is installed and can deploy a model', () => {
    const installed = ['sagemaker', 'databricks', 'my-plugin'];
    assert.equal(targetUriProblem('sagemaker:/us-east-1', installed), undefined);
    assert.equal(targetUriProblem('my-plugin', installed), undefined);
    // Listed by MLflow, but its create_deployment raises NotImplementedError (recorded).
    assert.match(
      targetUriProblem('databricks', installed) ?? '',
      /^The "databricks" target cannot create deployments: .*Databricks serving endpoints/,
    );
    assert.match(
      targetUriProblem('https:/gateway.example', installed) ?? '',
      /"https" target cannot create deployments/,
    );
    assert.match(targetUriProblem('azureml', installed) ?? '', /not an installed deployment target/);
    assert.match(targetUriProblem('sagemaker:/x y', installed) ?? '', /target URI is/);
  });

  it('turns typed settings into -C pairs and rejects what is not key=value', () => {
    assert.deepEqual(
      parseDeployConfig('instance_type=ml.m5.large, instance_count = 2\nregion_name=us-east-1'),
      {
        ok: true,
        pairs: [
          ['instance_type', 'ml.m5.large'],
          ['instance_count', '2'],
          ['region_name', 'us-east-1'],
        ],
      },
    );
    assert.deepEqual(parseDeployConfig(''), { ok: true, pairs: [] });
    assert.equal(parseDeployConfig('=x').ok, false);
    assert.equal(parseDeployConfig('--evil').ok, false);
  });

  it('builds an argv with one -C per setting and refuses bad names', () => {
    const inv = buildDeployCommand({
      python: 'python3',
      action: 'create',
      target: 'sagemaker:/us-east-1',
      installedTargets: ['sagemaker'],
      name: 'iris-prod',
      modelUri: 'models:/iris-classifier@champion',
      config: [['instance_type', 'ml.m5.large']],
    });
    assert.deepEqual(inv.args, [
      '-m',
      'mlflow',
      'deployments',
      'create',
      '-t',
      'sagemaker:/us-east-1',
      '--name',
      'iris-prod',
      '-m',
      'models:/iris-classifier@champion',
      '-C',
      'instance_type=ml.m5.large',
    ]);
    assert.throws(
      () =>
        buildDeployCommand({
          ...{
            python: 'p',
            action: 'create',
            target: 'sagemaker',
            installedTargets: ['sagemaker'],
            modelUri: 'models:/a/1',
            config: [],
          },
          name: '-x',
        }),
      /deployment name/,
    );
  });
});
