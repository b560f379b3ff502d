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

/**
 * The spans of a trace a local store holds, from its own folders first (`ownFolders`), then from
 * its `mlflow.artifactLocation` tag when that is on this machine (`file:`, a path, or
 * `mlflow-artifacts:` under the server's artifacts destination). None found is no spans (a trace
 * still running); a location only a server can read (`s3://`, `gs://`, …) is an `unsupported`
 * error that says so, rather than a trace that silently looks empty.
 */
export async function readLocalTraceSpans(
  ownFolders: readonly string[],
  artifactLocation: string | undefined,
  artifactsDestination: string | undefined,
): Promise<Span[]> {
  const tagged =
    artifactLocation === undefined ? undefined : localArtifactRoot(artifactLocation, artifactsDestination);
  const spans = await readTraceDataFile([...ownFolders, ...(tagged === undefined ? [] : [tagged])]);
  if (spans !== undefined) {
    return spans;
  }
  if (artifactLocation !== undefined && tagged === undefined) {
    throw new StoreError(
      'unsupported',
      `The spans of this trace are stored at ${artifactLocation}, which only a tracking server can read: connect to the server that logged it.`,
    );
  }
  return [];
}
