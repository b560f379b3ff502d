/** Lines appended by `unit(i)` for i = 0, 1, … until they hold about `bytes` characters. */
function fill(bytes: number, unit: (i: number) => string): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = unit(i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

const id = (i: number): string => String(i).padStart(6, '0');

/**
 * A synthetic MLmodel that is dense everywhere, about `targetBytes` long, for `npm run bench`:
 * half of it tens of thousands of small custom flavour blocks (short names, many keys and scalars),
 * a quarter a signature of tens of thousands of columns on one line, a quarter metadata (a long
 * map and a long list). It validates clean, so the time measured is reading, not reporting. Many
 * small maps and keys are what made files near the 5 MB cap slow, not one long string.
 */
export function generateDenseMlmodel(targetBytes: number): string {
  const flavors = fill(targetBytes / 2, (i) =>
    [`  flavor_${i}:`, `    loader_module: custom.loader_${i}`, `    data: w${i}.bin`, `    code: null`].join(
      '\n',
    ),
  );
  const columns = fill(
    targetBytes / 4,
    (i) => `{"type": "${i % 7 === 0 ? 'string' : 'double'}", "name": "f${id(i)}", "required": true}`,
  );
  const metadataMap = fill(targetBytes / 8, (i) => `  key_${id(i)}: value ${id(i)}`);
  const metadataList = fill(targetBytes / 8, (i) => `    - tag_${id(i)}`);
  return [
    'artifact_path: model',
    'flavors:',
    '  python_function:',
    '    env:',
    '      conda: conda.yaml',
    '      virtualenv: python_env.yaml',
    '    loader_module: mlflow.pyfunc.model',
    '    python_version: 3.11.2',
    ...flavors,
    'mlflow_version: 2.17.2',
    'model_uuid: a7112d02fcd04404ab98c99d883c6343',
    'run_id: c4277242c4c045f9bdd8cc9e2425ef66',
    'signature:',
    `  inputs: '[${columns.join(', ')}]'`,
    `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]'`,
    '  params: null',
    "utc_time_created: '2026-11-22 14:27:35.426677'",
    'metadata:',
    ...metadataMap,
    '  tags:',
    ...metadataList,
    '',
  ].join('\n');
}
