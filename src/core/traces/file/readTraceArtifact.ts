import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { StoreError } from '../../common/storeError';
import { localArtifactRoot } from '../../tracking/listLocalArtifacts';
import type { Span } from '../entities/span';
import { parseTraceDataJson } from '../parse/parseMlflowSpan';

/** The file MLflow writes a trace's spans to, under the trace's artifact location. */
export const TRACE_DATA_FILE = 'traces.json';

/** A trace's spans file is a few MB at most; far larger is not one MLflow wrote. */
const MAX_TRACE_DATA_BYTES = 200 * 1024 * 1024;

/**
 * The spans in the first of `folders` that holds a `traces.json`, read without rounding their
 * times; undefined when none does (a trace still running, or whose artifacts are elsewhere).
 */
export async function readTraceDataFile(folders: readonly string[]): Promise<Span[] | undefined> {
  for (const folder of folders) {
    const file = path.join(folder, TRACE_DATA_FILE);
    let size: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) {
        continue;
      }
      size = s.size;
    } catch {
      continue;
    }
    if (size > MAX_TRACE_DATA_BYTES) {
      throw new StoreError('too-large', `${file} is larger than ${String(MAX_TRACE_DATA_BYTES)} bytes.`);
    }
    return parseTraceDataJson(await readFile(file, 'utf8'));
  }
  return undefined;
}

/** The local folder of a trace's `mlflow.artifactLocation` tag, when it is on this machine. */
export function traceArtifactFolder(
  artifactLocation: string | undefined,
  artifactsDestination: string | undefined,
): string | undefined {
  return artifactLocation === undefined
    ? undefined
    : localArtifactRoot(artifactLocation, artifactsDestination);
}
