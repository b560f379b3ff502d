import { checkModelUri } from '../../core/cli/modelUri';
import { nodeOf } from '../explorer';

/** A model a command acts on by URI, with the short label its server or deployment shows. */
export interface ModelUriTarget {
  readonly modelUri: string;
  readonly label: string;
}

function checked(t: ModelUriTarget): ModelUriTarget {
  const r = checkModelUri(t.modelUri);
  if (!r.ok) {
    throw new Error(r.error);
  }
  return t;
}

/**
 * The model URIs a tree node stands for: a run's logged model is `runs:/<id>/<artifact path>`
 * (2.x) or `models:/m-<id>` (MLflow 3);
 * a registered version is `models:/<name>/<version>`, followed by one `models:/<name>@<alias>`
 * per alias pointing at it (serving the alias follows it when it moves). Undefined for anything
 * that is not such a node. Every URI is checked as it would be before reaching a command line.
 */
export function treeModelTargets(arg: unknown): ModelUriTarget[] | undefined {
  const logged = nodeOf(arg, 'loggedModel');
  if (logged) {
    return [
      checked({
        modelUri: logged.model.modelUri,
        // An experiment's logged model made outside a run has no run to name.
        label:
          logged.runId === ''
            ? `${logged.model.label} (${logged.model.modelId ?? 'logged model'})`
            : `${logged.model.label} (run ${logged.runId.slice(0, 8)})`,
      }),
    ];
  }
  const version = nodeOf(arg, 'modelVersion');
  if (version) {
    return [
      checked({
        modelUri: `models:/${version.name}/${version.version}`,
        label: `${version.name} v${version.version}`,
      }),
      ...version.modelVersion.aliases.map((alias) =>
        checked({ modelUri: `models:/${version.name}@${alias}`, label: `${version.name}@${alias}` }),
      ),
    ];
  }
  return undefined;
}
