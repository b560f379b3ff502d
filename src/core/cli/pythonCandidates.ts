/**
 * Which Python runs MLflow, in DESIGN.md's order: the interpreter selected in the Python
 * extension, then the `mlflow.pythonPath` setting, then `python3` and `python` on PATH.
 * Empty entries are skipped and duplicates kept once, so the caller can try them in order.
 */
export function pythonCandidates(input: {
  readonly fromPythonExtension: string | undefined;
  readonly setting: string | undefined;
  readonly platform: string;
}): string[] {
  const onPath = input.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  const ordered = [input.fromPythonExtension, input.setting, ...onPath]
    .map((p) => p?.trim() ?? '')
    .filter((p) => p !== '');
  return [...new Set(ordered)];
}
