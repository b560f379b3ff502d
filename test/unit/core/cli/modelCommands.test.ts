import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnoseCliFailure } from '../../../../src/core/cli/diagnoseCliFailure';
import {
  buildDockerCommand,
  buildGenerateDockerfileCommand,
  buildPredictCommand,
  imageNameProblem,
} from '../../../../src/core/cli/modelCommands';

const CLI = path.resolve(__dirname, '../../../fixtures/mlflow-2.17.2/cli');
const recordedLine = (file: string): string =>
  (fs.readFileSync(path.join(CLI, file), 'utf8').split('\n')[0] ?? '').replace(/^\$ /, '');
const asMlflow = (args: readonly string[]): string => ['mlflow', ...args.slice(2)].join(' ');
const RUN_MODEL = 'runs:/5479c2e952464803bc764edb72ee0164/model';

describe('model command builders match the real recorded command lines', () => {
  it('generate-dockerfile', () => {
    const inv = buildGenerateDockerfileCommand({
      python: 'python3',
      modelUri: RUN_MODEL,
      outputDir: '/tmp/mlflow-dockerfile',
      envManager: 'local',
    });
    assert.equal(asMlflow(inv.args), recordedLine('generate-dockerfile.txt'));
  });

  it('build-docker', () => {
    const inv = buildDockerCommand({
      python: 'python3',
      modelUri: RUN_MODEL,
      imageName: 'mlflow-lab-iris',
      envManager: 'local',
    });
    assert.equal(asMlflow(inv.args), recordedLine('build-docker-no-engine.txt'));
  });

  it('predict (the recorded run printed to stdout; we always write to an output file)', () => {
    const inv = buildPredictCommand({
      python: 'python3',
      modelUri: RUN_MODEL,
      inputPath: '/tmp/pred-in.json',
      contentType: 'json',
      outputPath: '/tmp/out.json',
      envManager: 'local',
    });
    const line = asMlflow(inv.args);
    assert.equal(line.replace(' -o /tmp/out.json', ''), recordedLine('models-predict.txt'));
  });

  it('refuse relative paths, bad image names and option-looking URIs', () => {
    assert.throws(
      () =>
        buildGenerateDockerfileCommand({
          python: 'p',
          modelUri: RUN_MODEL,
          outputDir: 'out',
          envManager: 'local',
        }),
      /absolute path/,
    );
    assert.throws(
      () =>
        buildDockerCommand({ python: 'p', modelUri: RUN_MODEL, imageName: 'My Image', envManager: 'local' }),
      /image name/,
    );
    assert.throws(
      () =>
        buildPredictCommand({
          python: 'p',
          modelUri: '-x',
          inputPath: '/a',
          contentType: 'csv',
          outputPath: '/b',
          envManager: 'local',
        }),
      /cannot start with "-"/,
    );
    assert.equal(imageNameProblem('registry.example/team/iris:v2'), undefined);
    assert.ok(imageNameProblem('-rm'));
  });
});

describe('diagnoseCliFailure', () => {
  it('recognises the recorded failures', () => {
    assert.equal(
      diagnoseCliFailure(fs.readFileSync(path.join(CLI, 'build-docker-no-engine.txt'), 'utf8')).kind,
      'no-docker',
    );
    assert.equal(
      diagnoseCliFailure(fs.readFileSync(path.join(CLI, 'models-serve-virtualenv-no-pyenv.txt'), 'utf8'))
        .kind,
      'no-pyenv',
    );
    const other = diagnoseCliFailure('Traceback…\nValueError: bad input\n[exit code: 1]\n');
    assert.deepEqual(other, { kind: 'unknown', message: 'ValueError: bad input' });
  });

  it("words a deployment plugin's NotImplementedError as what the target cannot do", () => {
    const read = (f: string): string => fs.readFileSync(path.join(CLI, f), 'utf8');
    assert.deepEqual(diagnoseCliFailure(read('deployments-create-databricks.txt')), {
      kind: 'not-implemented',
      message:
        'This target cannot create deployments: its MLflow plugin does not implement create_deployment.',
    });
    assert.match(
      diagnoseCliFailure(read('deployments-list-http.txt')).message,
      /^This target cannot list deployments/,
    );
    // A model's own predict raising it is not a plugin's gap: no deployments CLI in the traceback.
    const model =
      'Traceback (most recent call last):\n  File "/m/model.py", line 3, in predict\n    raise NotImplementedError\nNotImplementedError\n[exit code: 1]\n';
    assert.equal(diagnoseCliFailure(model).kind, 'unknown');
  });

  it('names the missing Python package, not a traceback', () => {
    const d = diagnoseCliFailure(
      fs.readFileSync(path.join(CLI, 'deployments-create-sagemaker-no-boto3.txt'), 'utf8'),
    );
    assert.deepEqual(d, {
      kind: 'no-module',
      message: 'The selected Python lacks the module "boto3" that this needs: pip install boto3.',
    });
    assert.match(
      diagnoseCliFailure("ModuleNotFoundError: No module named 'sklearn.linear_model'\n").message,
      /"sklearn".*pip install scikit-learn\.$/,
    );
  });
});
