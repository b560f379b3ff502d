import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { readKeyValueDir } from '../../tracking/file/readKeyValueDir';
import { metaText, readMeta } from '../../tracking/file/readMeta';
import type { Assessment } from '../entities/assessment';
import type { TraceInfo } from '../entities/traceInfo';
import { buildTraceInfo } from '../parse/buildTraceInfo';
import { parseAssessment } from '../parse/parseAssessment';
import { parseTraceInfoV3 } from '../parse/parseTraceInfo';
import { timestampMs } from '../parse/traceTimes';

/** The file store's per-trace file and folders. */
export const TRACE_INFO_FILE = 'trace_info.yaml';

async function readAssessments(folder: string): Promise<Assessment[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
  const out: Assessment[] = [];
  for (const name of names) {
    const doc = await readMeta(path.join(folder, name));
    try {
      if (doc !== undefined) {
        out.push(parseAssessment(doc));
      }
    } catch {
      // A malformed assessment file is skipped, as MLflow's file store skips malformed entries.
    }
  }
  return out;
}

/**
 * One `<experiment>/traces/<id>/` folder: `trace_info.yaml` (MLflow 3's TraceInfoV3 fields, or
 * 2.x's `request_id`/`timestamp_ms`), `request_metadata/` and `tags/` (a file per key, like run
 * tags) and `assessments/<id>.yaml`. Undefined when the folder holds no readable trace.
 */
export async function readTraceFolder(folder: string): Promise<TraceInfo | undefined> {
  const doc = await readMeta(path.join(folder, TRACE_INFO_FILE));
  if (doc === undefined) {
    return undefined;
  }
  const [metadata, tags, assessments] = await Promise.all([
    readKeyValueDir(path.join(folder, 'request_metadata')).then((kv) => Object.fromEntries(kv)),
    readKeyValueDir(path.join(folder, 'tags')).then((kv) => Object.fromEntries(kv)),
    readAssessments(path.join(folder, 'assessments')),
  ]);
  try {
    if (doc.trace_id === undefined && typeof doc.request_id === 'string') {
      const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      return buildTraceInfo({
        traceId: doc.request_id,
        experimentId: metaText(doc, 'experiment_id') ?? '',
        requestTimeMs: timestampMs(doc.timestamp_ms, 'timestamp_ms'),
        executionDurationMs: typeof doc.execution_time_ms === 'number' ? doc.execution_time_ms : undefined,
        state: text(doc.status) ?? 'STATE_UNSPECIFIED',
        requestPreview: undefined,
        responsePreview: undefined,
        clientRequestId: text(doc.client_request_id),
        metadata,
        tags,
        assessments,
      });
    }
    return parseTraceInfoV3(doc, { metadata, tags, assessments });
  } catch {
    return undefined;
  }
}
