import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseCredentialsFile, type FileCredentials } from './hostCredentials';

/** Read `<home>/.mlflow/credentials`; undefined when the file does not exist or cannot be read. */
export async function loadCredentialsFile(homeDir: string): Promise<FileCredentials | undefined> {
  try {
    return parseCredentialsFile(await readFile(path.join(homeDir, '.mlflow', 'credentials'), 'utf8'));
  } catch {
    return undefined;
  }
}
