import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDeploymentTargets } from '../../../../src/core/cli/deployCommand';
import { endpointOnlyProblem, modelDeploymentTargets } from '../../../../src/core/cli/deploymentTargets';

const CLI = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/cli');

describe('modelDeploymentTargets', () => {
  it('keeps of the recorded targets only those that can deploy a model, first sagemaker', () => {
    // MLflow 2.17.2 and 3.11.1 both list: databricks, http, https, openai, sagemaker.
    const listed = parseDeploymentTargets(
      fs.readFileSync(path.join(CLI, 'deployments-create-help.txt'), 'utf8'),
    );
    const targets = modelDeploymentTargets(listed);
    assert.deepEqual(
      targets.map((t) => t.name),
      ['sagemaker'],
    );
    assert.match(targets[0]?.needs ?? '', /boto3 and AWS credentials.*build-and-push-container/);
    // The URI forms the recorded `mlflow deployments help -t sagemaker` gives.
    const help = fs.readFileSync(path.join(CLI, 'deployments-help-target-sagemaker.txt'), 'utf8');
    for (const form of ['sagemaker:/region_name', 'sagemaker:/region_name/assume_role_arn']) {
      assert.ok(help.includes(form), form);
    }
    assert.match(targets[0]?.uriHint ?? '', /sagemaker:\/<region>\/<role ARN>/);
  });

  it('says what a plugin target needs without knowing it, and where to read more', () => {
    assert.deepEqual(modelDeploymentTargets(['openai', 'torchserve']), [
      {
        name: 'torchserve',
        needs: 'A plugin target: `mlflow deployments help -t torchserve` describes its URI and settings.',
        uriHint: 'torchserve or torchserve:/<details>',
      },
    ]);
    assert.match(modelDeploymentTargets(['azureml'])[0]?.needs ?? '', /azureml-mlflow/);
  });

  it('names endpoint clients as targets that cannot create deployments', () => {
    assert.match(
      endpointOnlyProblem('openai') ?? '',
      /^The "openai" target cannot create deployments: it is MLflow's client for the OpenAI API/,
    );
    assert.match(endpointOnlyProblem('http:/localhost:7000') ?? '', /MLflow AI Gateway/);
    assert.equal(endpointOnlyProblem('sagemaker:/eu-west-1'), undefined);
  });
});
