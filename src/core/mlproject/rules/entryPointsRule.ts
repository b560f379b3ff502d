import { getPair, type YamlMap, type YamlNode, type YamlPair } from '../../yaml/yamlAst';
import { scalarOffsets } from '../../yaml/scalarOffsets';
import { commandPlaceholders } from '../commandPlaceholders';
import type { MlprojectRule, MlprojectRuleContext } from '../mlprojectDiagnostic';
import { clipForMessage } from '../../yaml/clipForMessage';

/** The types MLflow's documentation names, plus `int`, which MLflow's own examples use. */
export const PARAMETER_TYPES = ['string', 'float', 'path', 'uri', 'int'] as const;

function parameterType(value: YamlNode): { type: string; node: YamlNode } | undefined {
  if (value.kind === 'scalar') {
    return { type: value.text, node: value };
  }
  const typePair = value.kind === 'map' ? getPair(value, 'type') : undefined;
  // A map without `type` is a string parameter, as in MLflow.
  return typePair
    ? typePair.value.kind === 'scalar'
      ? { type: typePair.value.text, node: typePair.value }
      : undefined
    : { type: 'string', node: value };
}

function checkDefault(context: MlprojectRuleContext, name: string, type: string, value: YamlNode): void {
  const defaultPair = value.kind === 'map' ? getPair(value, 'default') : undefined;
  const node = defaultPair?.value;
  if (node?.kind !== 'scalar' || node.value === null) {
    return;
  }
  const text = node.text.trim();
  const number = Number(text);
  if (type === 'float' && (text === '' || !Number.isFinite(number))) {
    // mlflow run checks float parameters with float(); this default would fail that check.
    context.report(
      node.range,
      1,
      'default-mismatch',
      `The default of "${clipForMessage(name)}" must be a number (its type is float), not "${clipForMessage(node.text)}".`,
    );
  } else if (type === 'int' && !/^[-+]?\d+$/.test(text)) {
    context.report(
      node.range,
      2,
      'default-mismatch',
      `The default of "${clipForMessage(name)}" should be a whole number (its type is int), not "${clipForMessage(node.text)}".`,
    );
  }
}

function checkParameters(context: MlprojectRuleContext, parameters: YamlMap): void {
  for (const pair of parameters.pairs) {
    const name = pair.key.kind === 'scalar' ? pair.key.text : '';
    const typed = parameterType(pair.value);
    if (!typed) {
      continue;
    }
    if (!(PARAMETER_TYPES as readonly string[]).includes(typed.type)) {
      // MLflow passes values of types it does not know through unchecked, like strings.
      context.report(
        typed.node.range,
        2,
        'unknown-parameter-type',
        `"${clipForMessage(typed.type)}" is not a parameter type MLflow checks (string, float, path, uri); the value is passed as a string.`,
      );
    }
    checkDefault(context, name, typed.type, pair.value);
  }
}

function checkCommand(
  context: MlprojectRuleContext,
  entryPoint: YamlPair,
  declared: readonly YamlPair[],
): void {
  const command = getPair(entryPoint.value as YamlMap, 'command');
  if (!command) {
    context.report(
      entryPoint.key.range,
      1,
      'command-missing',
      `Entry point "${entryPoint.key.kind === 'scalar' ? clipForMessage(entryPoint.key.text) : ''}" needs a "command".`,
    );
    return;
  }
  if (command.value.kind !== 'scalar' || typeof command.value.value !== 'string') {
    return;
  }
  const names = new Set(declared.map((p) => (p.key.kind === 'scalar' ? p.key.text : '')));
  const { offsets } = scalarOffsets(context.text, command.value);
  const used = new Set<string>();
  for (const placeholder of commandPlaceholders(command.value.text)) {
    used.add(placeholder.name);
    if (!names.has(placeholder.name)) {
      const range = {
        start: offsets[placeholder.range.start] ?? command.value.range.start,
        end: offsets[placeholder.range.end] ?? command.value.range.end,
      };
      // str.format raises KeyError on it, so mlflow run fails before the command starts.
      context.report(
        range,
        1,
        'unknown-placeholder',
        `"{${clipForMessage(placeholder.name)}}" names no declared parameter of this entry point; mlflow run would fail. Declare it under "parameters".`,
      );
    }
  }
  for (const pair of declared) {
    if (pair.key.kind === 'scalar' && !used.has(pair.key.text)) {
      context.report(
        pair.key.range,
        4,
        'unused-parameter',
        `The command never uses "{${clipForMessage(pair.key.text)}}"; a value given for it is ignored.`,
      );
    }
  }
}

/** Entry points: parameter types and defaults, and placeholders that match the declared parameters. */
export const entryPointsRule: MlprojectRule = (context) => {
  const entryPoints = getPair(context.root, 'entry_points');
  if (entryPoints?.value.kind !== 'map') {
    return;
  }
  for (const entryPoint of entryPoints.value.pairs) {
    if (entryPoint.value.kind !== 'map') {
      continue;
    }
    const parameters = getPair(entryPoint.value, 'parameters');
    const declared = parameters?.value.kind === 'map' ? parameters.value.pairs : [];
    if (parameters?.value.kind === 'map') {
      checkParameters(context, parameters.value);
    }
    checkCommand(context, entryPoint, declared);
  }
};
