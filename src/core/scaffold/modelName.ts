/**
 * Python's reserved words and the modules a scaffolded project imports: a model named after one
 * of them would shadow it (a `pandas.py` next to `model.py` breaks `import pandas`).
 */
const RESERVED = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
  'mlflow',
  'pandas',
  'numpy',
  'onnxruntime',
  'onnxruntime_genai',
  'transformers',
  'torch',
  'model',
  'log_model',
  'os',
  'sys',
  'json',
  'pathlib',
  'typing',
  'test',
  'tests',
]);

/** Longest name accepted: it becomes a folder, a logged model name and part of a class name. */
export const MAX_MODEL_NAME_LENGTH = 64;

/**
 * Check a model name before it is written into Python source, a folder name and a YAML file. Only
 * lower-case ASCII letters, digits and underscores, starting with a letter: a valid Python
 * identifier, a package-safe folder name and a safe logged-model name, so nothing the user types
 * can close a string literal, start a new statement or climb out of the target folder.
 */
export function checkModelName(name: string): { ok: true } | { ok: false; error: string } {
  if (name === '') {
    return { ok: false, error: 'Enter a name, such as phi3_mini.' };
  }
  if (name.length > MAX_MODEL_NAME_LENGTH) {
    return { ok: false, error: `A name has at most ${MAX_MODEL_NAME_LENGTH} characters.` };
  }
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    return {
      ok: false,
      error:
        'Use lower-case letters, digits and underscores, starting with a letter (a Python identifier such as phi3_mini).',
    };
  }
  if (RESERVED.has(name)) {
    return {
      ok: false,
      error: `"${name}" is a Python keyword or a module the project imports; choose another name.`,
    };
  }
  return { ok: true };
}

/** The PythonModel class name for a model name: phi3_mini → Phi3MiniModel. */
export function modelClassName(name: string): string {
  const pascal = name
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}Model`;
}
