import { getPair, type YamlNode } from '../../yaml/yamlAst';
import type { MlprojectRule, MlprojectRuleContext } from '../mlprojectDiagnostic';

/** The environment keys MLflow reads; a project may declare at most one. */
export const ENVIRONMENT_KEYS = ['python_env', 'conda_env', 'docker_env'] as const;

function checkEnvironmentEntry(context: MlprojectRuleContext, item: YamlNode): void {
  if (item.kind === 'scalar' && typeof item.value === 'string' && item.value !== '') {
    return;
  }
  const isPair =
    item.kind === 'seq' &&
    item.items.length === 2 &&
    item.items.every(
      (part) => part.kind === 'scalar' && part.value !== null && typeof part.value !== 'boolean',
    );
  if (isPair) {
    return;
  }
  context.report(
    item.range,
    1,
    'docker-environment-entry',
    'Each "environment" entry is a variable name (copied from the host) or a [name, value] pair.',
  );
}

/** One environment at most, and a docker_env that names an image. */
export const environmentRule: MlprojectRule = (context) => {
  const declared = ENVIRONMENT_KEYS.map((key) => getPair(context.root, key)).filter(
    (pair) => pair !== undefined,
  );
  if (declared.length > 1) {
    const names = declared.map((pair) => (pair.key.kind === 'scalar' ? pair.key.text : '')).join(', ');
    for (const pair of declared.slice(1)) {
      // MLflow refuses the project ("cannot contain both"), so every extra one is an error.
      context.report(
        pair.key.range,
        1,
        'two-environments',
        `An MLproject may declare only one of python_env, conda_env and docker_env; this one declares ${names}.`,
      );
    }
  }
  const docker = getPair(context.root, 'docker_env');
  if (docker?.value.kind !== 'map') {
    return;
  }
  if (getPair(docker.value, 'image') === undefined) {
    context.report(docker.key.range, 1, 'docker-image-missing', '"docker_env" needs an "image" to run in.');
  }
  const environment = getPair(docker.value, 'environment');
  if (environment?.value.kind === 'seq') {
    for (const item of environment.value.items) {
      checkEnvironmentEntry(context, item);
    }
  }
};
