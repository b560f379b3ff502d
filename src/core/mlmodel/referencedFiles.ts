import { getPair, type OffsetRange, type YamlMap, type YamlNode } from '../yaml/yamlAst';
import { parseYaml } from '../yaml/parseYaml';
import { KNOWN_FLAVORS } from './knownFlavors';

/** A path the MLmodel names, relative to its own directory. */
export interface FileReference {
  /** Relative path with `/` separators, as written. */
  readonly path: string;
  /** Where the path is written. */
  readonly range: OffsetRange;
  /** The dotted key that names it, such as `flavors.python_function.env.virtualenv`. */
  readonly key: string;
  /** Model files missing means the model cannot load (error); environments and examples are optional (warning). */
  readonly required: boolean;
  /** For a missing python_env.yaml: the conda file it can be made from. */
  readonly condaPath?: string;
}

const MODEL_FILE_KEYS = [
  'data',
  'model_path',
  'pickled_model',
  'python_model',
  'model_data',
  'saved_model_dir',
  'model_binary',
  'code',
];

function relativePath(node: YamlNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.value.trim() === '') {
    return undefined;
  }
  const value = node.value;
  // Absolute paths and URIs point outside the model directory (models from code, Databricks configs).
  if (/^([a-zA-Z][a-zA-Z0-9+.-]*:|\/|\\|~)/.test(value)) {
    return undefined;
  }
  return value.replace(/\\/g, '/');
}

function collect(
  out: FileReference[],
  map: YamlMap,
  key: string,
  prefix: string,
  required: boolean,
  condaPath?: string,
): void {
  const pair = getPair(map, key);
  const path = relativePath(pair?.value);
  if (pair && path !== undefined) {
    out.push(
      condaPath === undefined
        ? { path, range: pair.value.range, key: `${prefix}${key}`, required }
        : { path, range: pair.value.range, key: `${prefix}${key}`, required, condaPath },
    );
  }
}

function collectPyfunc(out: FileReference[], pyfunc: YamlMap): void {
  const prefix = 'flavors.python_function.';
  for (const key of MODEL_FILE_KEYS) {
    collect(out, pyfunc, key, prefix, true);
  }
  const env = getPair(pyfunc, 'env')?.value;
  if (env?.kind === 'map') {
    collect(out, env, 'conda', `${prefix}env.`, false);
    const conda = relativePath(getPair(env, 'conda')?.value);
    collect(out, env, 'virtualenv', `${prefix}env.`, false, conda);
  } else {
    collect(out, pyfunc, 'env', prefix, false);
  }
  const artifacts = getPair(pyfunc, 'artifacts')?.value;
  if (artifacts?.kind === 'map') {
    for (const artifact of artifacts.pairs) {
      if (artifact.value.kind === 'map' && artifact.key.kind === 'scalar') {
        collect(out, artifact.value, 'path', `${prefix}artifacts.${artifact.key.text}.`, true);
      }
    }
  }
}

/**
 * The files and directories an MLmodel refers to, relative to its directory, for the editor to
 * check through its own file system (so remote and virtual workspaces work). Pure: no I/O here.
 */
export function referencedFiles(text: string): FileReference[] {
  const root = parseYaml(text).root;
  if (root?.kind !== 'map') {
    return [];
  }
  const out: FileReference[] = [];
  const flavors = getPair(root, 'flavors')?.value;
  if (flavors?.kind === 'map') {
    for (const flavor of flavors.pairs) {
      if (flavor.key.kind !== 'scalar' || flavor.value.kind !== 'map') {
        continue;
      }
      if (flavor.key.text === 'python_function') {
        collectPyfunc(out, flavor.value);
      } else if (KNOWN_FLAVORS.includes(flavor.key.text)) {
        for (const key of MODEL_FILE_KEYS) {
          collect(out, flavor.value, key, `flavors.${flavor.key.text}.`, true);
        }
      }
    }
  }
  const example = getPair(root, 'saved_input_example_info')?.value;
  if (example?.kind === 'map') {
    collect(out, example, 'artifact_path', 'saved_input_example_info.', false);
    collect(out, example, 'serving_input_path', 'saved_input_example_info.', false);
  }
  return out;
}
