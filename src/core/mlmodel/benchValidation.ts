import { validate, type ValidateOptions } from './validate';

/** Fold a JSON string into a single-quoted YAML scalar the way `yaml.safe_dump` wraps long lines. */
function foldSingleQuoted(json: string, width: number): string {
  const words = json.replace(/'/g, "''").split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return `'${lines.join('\n    ')}'`;
}

/**
 * A synthetic MLmodel with a `columns`-column signature, its names padded so the file is about
 * `targetBytes` long: the worst realistic case (one huge folded JSON string). For `npm run bench`.
 */
export function generateLargeMlmodel(columns: number, targetBytes = 0): string {
  const overhead = '{"type": "double", "name": "", "required": true}, '.length + 8;
  const pad = Math.max(0, Math.ceil(targetBytes / Math.max(columns, 1)) - overhead);
  const specs = Array.from({ length: columns }, (_, i) => ({
    type: i % 7 === 0 ? 'string' : 'double',
    name: `feature_${String(i).padStart(5, '0')}${'x'.repeat(pad)}`,
    required: true,
  }));
  const inputs = JSON.stringify(specs).replace(/,"/g, ', "').replace(/":/g, '": ').replace(/},{/g, '}, {');
  return [
    'artifact_path: model',
    'flavors:',
    '  python_function:',
    '    env:',
    '      conda: conda.yaml',
    '      virtualenv: python_env.yaml',
    '    loader_module: mlflow.sklearn',
    '    model_path: model.pkl',
    '    python_version: 3.11.2',
    '  sklearn:',
    '    pickled_model: model.pkl',
    '    serialization_format: cloudpickle',
    '    sklearn_version: 1.2.1',
    'mlflow_version: 2.17.2',
    'model_uuid: a7112d02fcd04404ab98c99d883c6343',
    'run_id: c4277242c4c045f9bdd8cc9e2425ef66',
    'signature:',
    `  inputs: ${foldSingleQuoted(inputs, 80)}`,
    `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]'`,
    '  params: null',
    "utc_time_created: '2026-11-22 14:27:35.426677'",
    '',
  ].join('\n');
}

/** Timings of {@link benchValidation}, in milliseconds. */
export interface ValidationTiming {
  readonly median: number;
  readonly max: number;
  readonly diagnostics: number;
}

/**
 * Validate `text` `runs` times and report the median and worst time. The clock is injected
 * (`performance.now` in the bench script) so core stays free of timing globals and tests can
 * pass a fake one.
 */
export function benchValidation(
  text: string,
  runs: number,
  now: () => number,
  options: ValidateOptions = {},
): ValidationTiming {
  const times: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < Math.max(1, runs); i++) {
    const start = now();
    diagnostics = validate(text, options).length;
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0, diagnostics };
}
