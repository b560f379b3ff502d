import type { DeclaredParameter } from '../cli/projectRunCommand';
import { parseYaml } from '../yaml/parseYaml';
import { getPair, type OffsetRange, type YamlNode } from '../yaml/yamlAst';

/** One parameter of an entry point, in the order the MLproject declares them. */
export interface EntryPointParameter extends DeclaredParameter {
  readonly name: string;
}

/** An entry point as `mlflow run -e` sees it. */
export interface EntryPoint {
  readonly name: string;
  readonly parameters: readonly EntryPointParameter[];
  readonly command: string | undefined;
  /** Offsets of the entry point's key, where the CodeLens goes. */
  readonly keyRange: OffsetRange;
}

/** What running a project needs from its MLproject. */
export interface ProjectSpec {
  readonly name: string | undefined;
  readonly entryPoints: readonly EntryPoint[];
}

function scalarText(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node.text : undefined;
}

function parameter(name: string, value: YamlNode): EntryPointParameter {
  if (value.kind === 'scalar') {
    // `alpha: float` — a type without a default; an empty value is a string, as in MLflow.
    return { name, type: value.value === null ? 'string' : value.text };
  }
  if (value.kind !== 'map') {
    return { name, type: 'string' };
  }
  const type = scalarText(getPair(value, 'type')?.value) ?? 'string';
  const fallback = scalarText(getPair(value, 'default')?.value);
  return fallback === undefined ? { name, type } : { name, type, default: fallback };
}

/**
 * The project name and entry points of an MLproject text, with each parameter's type and default
 * as written (MLflow reads defaults as strings too). Entry points whose key is not a plain string
 * are skipped; a text that does not parse has none.
 */
export function projectSpec(text: string): ProjectSpec {
  const root = parseYaml(text).root;
  if (root?.kind !== 'map') {
    return { name: undefined, entryPoints: [] };
  }
  const entries = getPair(root, 'entry_points')?.value;
  const entryPoints: EntryPoint[] = [];
  for (const pair of entries?.kind === 'map' ? entries.pairs : []) {
    if (pair.key.kind !== 'scalar') {
      continue;
    }
    const body = pair.value.kind === 'map' ? pair.value : undefined;
    const params = body ? getPair(body, 'parameters')?.value : undefined;
    entryPoints.push({
      name: pair.key.text,
      parameters:
        params?.kind === 'map'
          ? params.pairs
              .filter((p) => p.key.kind === 'scalar')
              .map((p) => parameter(p.key.kind === 'scalar' ? p.key.text : '', p.value))
          : [],
      command: body ? scalarText(getPair(body, 'command')?.value) : undefined,
      keyRange: pair.key.range,
    });
  }
  return { name: scalarText(getPair(root, 'name')?.value), entryPoints };
}

/** The declared parameters in the shape the argv builder checks values against. */
export function declaredParameters(entry: EntryPoint): Record<string, DeclaredParameter> {
  // fromEntries defines own properties, so a parameter named "__proto__" stays a plain key.
  return Object.fromEntries(
    entry.parameters.map((p) => [
      p.name,
      p.default === undefined ? { type: p.type } : { type: p.type, default: p.default },
    ]),
  );
}
