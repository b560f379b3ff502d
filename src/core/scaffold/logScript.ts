/**
 * The first line of every `log_model.py` the scaffold writes. The "Log Model" CodeLens appears
 * only on files that carry it: running an arbitrary script named log_model.py is not ours to offer.
 */
export const SCAFFOLD_MARKER = '# Scaffolded by MLflow for VS Code ("MLflow: New Custom Model…").';

/** The line prefix a scaffolded `log_model.py` prints before the logged model's URI. */
export const LOGGED_MODEL_URI_PREFIX = 'MLFLOW_LOGGED_MODEL_URI=';

/** Whether a file is a `log_model.py` the scaffold wrote (its marker in the first lines). */
export function isScaffoldedLogScript(fileName: string, text: string): boolean {
  const base = fileName.split(/[\\/]/).pop();
  return base === 'log_model.py' && text.split('\n', 5).some((line) => line.trimEnd() === SCAFFOLD_MARKER);
}

/**
 * The model URI a scaffolded `log_model.py` printed (the last one, if it logged several), or
 * undefined. Only a whole line counts, so a URI quoted inside some other log message does not.
 */
export function findLoggedModelUri(output: string): string | undefined {
  let found: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith(LOGGED_MODEL_URI_PREFIX)) {
      const uri = line.slice(LOGGED_MODEL_URI_PREFIX.length);
      if (uri !== '' && !/\s/.test(uri)) {
        found = uri;
      }
    }
  }
  return found;
}
