import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { getPair, type YamlMap, type YamlScalar } from '../yaml/yamlAst';
import { LineIndex } from '../yaml/lineIndex';
import { parseYaml } from '../yaml/parseYaml';
import { PYFUNC_DATA_KEY, PYFUNC_LOADER } from './knownFlavors';
import type { FixData } from './mlmodelDiagnostic';

/** A quick fix: text edits to this MLmodel, or a python_env.yaml to create next to it. */
export interface MlmodelCodeAction {
  readonly title: string;
  readonly diagnostic: Diagnostic;
  readonly edits: readonly TextEdit[];
  /** Create `target` (relative to the MLmodel) from the conda file `condaPath`, via {@link pythonEnvFromConda}. */
  readonly createPythonEnv?: { readonly condaPath: string; readonly target: string };
  readonly isPreferred: boolean;
}

function isFixData(value: unknown): value is FixData {
  return typeof value === 'object' && value !== null && typeof (value as { fix?: unknown }).fix === 'string';
}

function indentOfLine(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ ]*/.exec(text.slice(start))?.[0] ?? '';
}

function envToMap(text: string, lines: LineIndex, diagnostic: Diagnostic): TextEdit[] {
  const valueStart = lines.offsetAt(diagnostic.range.start);
  const valueEnd = lines.offsetAt(diagnostic.range.end);
  const colon = text.lastIndexOf(':', valueStart);
  const inner = `${indentOfLine(text, valueStart)}  `;
  const conda = text.slice(valueStart, valueEnd);
  const newText = `\n${inner}conda: ${conda}\n${inner}virtualenv: python_env.yaml`;
  return [{ range: { start: lines.positionAt(colon + 1), end: diagnostic.range.end }, newText }];
}

/** The MLmodel's `flavors` when it is a non-empty block map (the only kind a block can be inserted into). */
function blockFlavors(text: string): YamlMap | undefined {
  const root = parseYaml(text).root;
  const flavors = root?.kind === 'map' ? getPair(root, 'flavors')?.value : undefined;
  return flavors?.kind === 'map' && !flavors.flow && flavors.pairs.length > 0 ? flavors : undefined;
}

/** The lines under `python_function:` (each relative to it), sorted by key as MLflow writes them. */
function pyfuncEntries(text: string, flavors: YamlMap, flavor: string, step: string): string[] {
  const entries: [string, string[]][] = [
    ['env', ['env:', `${step}conda: conda.yaml`, `${step}virtualenv: python_env.yaml`]],
    ['loader_module', [`loader_module: ${PYFUNC_LOADER[flavor] ?? 'mlflow.pyfunc.model'}`]],
  ];
  const dataPath = flavorDataPath(flavors, flavor);
  if (dataPath !== undefined) {
    // MLflow's sklearn flavour hands its pickle to pyfunc as model_path; the others use data.
    const key = flavor === 'sklearn' ? 'model_path' : 'data';
    entries.push([key, [`${key}: ${text.slice(dataPath.range.start, dataPath.range.end)}`]]);
  }
  entries.sort(([a], [b]) => a.localeCompare(b));
  return entries.flatMap(([, lines]) => lines);
}

/** The flavor's own string entry naming its saved data (model.pkl, …), which pyfunc must point at too. */
function flavorDataPath(flavors: YamlMap, flavor: string): YamlScalar | undefined {
  const own = getPair(flavors, flavor)?.value;
  const dataKey = PYFUNC_DATA_KEY[flavor];
  const dataPath = own?.kind === 'map' && dataKey ? getPair(own, dataKey)?.value : undefined;
  return dataPath?.kind === 'scalar' && typeof dataPath.value === 'string' ? dataPath : undefined;
}

function addPyfunc(text: string, lines: LineIndex, flavor: string): TextEdit[] {
  const flavors = blockFlavors(text);
  if (flavors === undefined) {
    return [];
  }
  const first = flavors.pairs[0];
  const indent = first ? indentOfLine(text, first.key.range.start) : '  ';
  const step = indent.length > 0 ? indent : '  ';
  const block = [
    `${indent}python_function:`,
    ...pyfuncEntries(text, flavors, flavor, step).map((line) => `${indent}${step}${line}`),
  ];
  // Keep keys sorted, as MLflow's yaml.safe_dump writes them.
  const after = flavors.pairs.find((p) => p.key.kind === 'scalar' && p.key.text > 'python_function');
  if (after) {
    const at = lines.lineStart(lines.positionAt(after.key.range.start).line);
    return [
      { range: { start: lines.positionAt(at), end: lines.positionAt(at) }, newText: `${block.join('\n')}\n` },
    ];
  }
  const end = lines.positionAt(flavors.range.end);
  return [{ range: { start: end, end }, newText: `\n${block.join('\n')}` }];
}

/** The quick fixes for diagnostics produced by `validate` (and for missing files). */
export function codeActions(text: string, diagnostics: readonly Diagnostic[]): MlmodelCodeAction[] {
  const lines = new LineIndex(text);
  const actions: MlmodelCodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data: unknown = diagnostic.data;
    if (!isFixData(data)) {
      continue;
    }
    switch (data.fix) {
      case 'replace':
        actions.push({
          title: `Change to "${data.replacement}"`,
          diagnostic,
          edits: [{ range: diagnostic.range, newText: data.replacement }],
          isPreferred: true,
        });
        break;
      case 'env-to-map':
        actions.push({
          title: 'Convert "env" to the MLflow 2.x map (conda + virtualenv)',
          diagnostic,
          edits: envToMap(text, lines, diagnostic),
          isPreferred: true,
        });
        break;
      case 'add-pyfunc': {
        const edits = addPyfunc(text, lines, data.flavor);
        if (edits.length > 0) {
          actions.push({
            title: `Add a python_function flavour loading through ${PYFUNC_LOADER[data.flavor] ?? data.flavor}`,
            diagnostic,
            edits,
            isPreferred: false,
          });
        }
        break;
      }
      case 'create-python-env': {
        const start = lines.offsetAt(diagnostic.range.start);
        const target = text.slice(start, lines.offsetAt(diagnostic.range.end)).replace(/^['"]|['"]$/g, '');
        actions.push({
          title: `Create ${target} from ${data.condaPath}`,
          diagnostic,
          edits: [],
          createPythonEnv: { condaPath: data.condaPath, target },
          isPreferred: true,
        });
        break;
      }
    }
  }
  return actions;
}
