/** A deployment target that can take a model, with what it needs from the user. */
export interface DeploymentTarget {
  readonly name: string;
  /** One line: what must be in place for `mlflow deployments create -t <name>` to work. */
  readonly needs: string;
  /** What to type as the target URI. */
  readonly uriHint: string;
}

/**
 * Targets MLflow itself registers (its `mlflow.deployments` entry points, 2.x through 3.11.1) that
 * are clients for endpoints, not model deployments: their `create_deployment` raises
 * NotImplementedError (recorded: deployments-create-databricks.txt). `mlflow deployments create
 * --help` lists them among the targets all the same, so they are filtered out here.
 */
export const ENDPOINT_ONLY_TARGETS: Readonly<Record<string, string>> = {
  databricks: 'Databricks serving endpoints',
  http: 'the MLflow AI Gateway',
  https: 'the MLflow AI Gateway',
  openai: 'the OpenAI API',
};

/** What the targets we know ask for; facts from `mlflow deployments help -t <name>` and the plugins' docs. */
const KNOWN: Readonly<Record<string, Omit<DeploymentTarget, 'name'>>> = {
  sagemaker: {
    needs:
      'Amazon SageMaker: boto3 and AWS credentials, and the image pushed by `mlflow sagemaker build-and-push-container`.',
    uriHint: 'sagemaker, sagemaker:/<region> or sagemaker:/<region>/<role ARN>',
  },
  azureml: {
    needs: 'Azure Machine Learning (the azureml-mlflow plugin): a workspace you are signed in to.',
    uriHint: 'the workspace’s azureml:// tracking URI',
  },
};

/** Why `target` (a target URI) cannot create deployments, or undefined when it may. */
export function endpointOnlyProblem(target: string): string | undefined {
  const name = target.split(':')[0] ?? '';
  const what = ENDPOINT_ONLY_TARGETS[name];
  return what === undefined
    ? undefined
    : `The "${name}" target cannot create deployments: it is MLflow's client for ${what}, not a place to deploy a model to.`;
}

/** The installed targets that can deploy a model, each with what it needs, in the order MLflow listed them. */
export function modelDeploymentTargets(installed: readonly string[]): DeploymentTarget[] {
  return installed
    .filter((name) => ENDPOINT_ONLY_TARGETS[name] === undefined)
    .map((name) => ({
      name,
      ...(KNOWN[name] ?? {
        needs: `A plugin target: \`mlflow deployments help -t ${name}\` describes its URI and settings.`,
        uriHint: `${name} or ${name}:/<details>`,
      }),
    }));
}
