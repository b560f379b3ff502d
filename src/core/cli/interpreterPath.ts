/**
 * The environment a `python -m mlflow …` child needs so that what MLflow starts *by name* is
 * found: `mlflow models serve` execs `gunicorn` (2.x) or `uvicorn` (3.x), `mlflow run` and
 * `build-docker` call `virtualenv`, `uv`, `conda` or `pip`. Those live next to the interpreter
 * (`<venv>/bin`, `<venv>\Scripts`), and a venv interpreter picked in the Python extension or in
 * `mlflow.pythonPath` is usually not on the editor's PATH. Activating a venv puts that folder
 * first on PATH; so do we. A bare command name (`python3`) is already found through PATH and
 * leaves the environment alone.
 */
export function withInterpreterOnPath(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
): Record<string, string | undefined> {
  const win = platform === 'win32';
  const sep = win ? /[\\/]/ : /\//;
  if (!sep.test(command)) {
    return { ...env };
  }
  const dir = command.replace(win ? /[\\/][^\\/]*$/ : /\/[^/]*$/, '') || (win ? '\\' : '/');
  // A Windows conda env keeps python.exe at its root and its tools in Scripts\.
  const dirs = win && !/[\\/]Scripts$/i.test(dir) ? [dir, `${dir}\\Scripts`] : [dir];
  // Windows spells it Path; keep whichever spelling the environment uses.
  const key = Object.keys(env).find((k) => (win ? k.toUpperCase() === 'PATH' : k === 'PATH')) ?? 'PATH';
  const delimiter = win ? ';' : ':';
  const rest = (env[key] ?? '').split(delimiter).filter((p) => p !== '' && !dirs.includes(p));
  return { ...env, [key]: [...dirs, ...rest].join(delimiter) };
}
