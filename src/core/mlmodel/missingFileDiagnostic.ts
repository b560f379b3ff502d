import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileReference } from './referencedFiles';
import { toDiagnostics } from './validate';
import { clipForMessage } from '../yaml/clipForMessage';

/** The diagnostic for a referenced file that does not exist, with the python_env.yaml fix when one applies. */
export function missingFileDiagnostic(text: string, reference: FileReference): Diagnostic {
  const what = reference.required ? 'the model cannot be loaded without it' : 'MLflow will not find it';
  const base = {
    range: reference.range,
    code: 'missing-file' as const,
    message: `"${clipForMessage(reference.path)}" (${clipForMessage(reference.key)}) does not exist next to this MLmodel: ${what}.`,
  };
  const finding =
    reference.condaPath !== undefined && reference.path.endsWith('python_env.yaml')
      ? {
          ...base,
          severity: 2 as const,
          data: { fix: 'create-python-env' as const, condaPath: reference.condaPath },
        }
      : { ...base, severity: reference.required ? (1 as const) : (2 as const) };
  const [diagnostic] = toDiagnostics(text, [finding]);
  return diagnostic as Diagnostic;
}
