import { runSource, type RunSource } from '../../core/code/runSource';
import { displayText } from '../../core/explorer/displayText';
import { runLabel } from '../../core/explorer/runSummary';
import type { Tag } from '../../core/tracking/entities/tag';
import type { StoreSession } from '../connection';
import { nodeOf } from '../explorer';

/** Something whose code can be opened: its label, when it started, and its source tags. */
export interface CodeSubject {
  readonly label: string;
  readonly startTime: number;
  readonly source: RunSource;
}

const RUN_ID = /^[0-9a-f]{32}$/i;

/**
 * What a code command was invoked on: a run node, a run id (the run detail panel's source line,
 * the palette), a logged model node or a trace node; their tags carry `mlflow.source.*`.
 */
export async function codeSubject(arg: unknown, session: StoreSession): Promise<CodeSubject | undefined> {
  const run = nodeOf(arg, 'run')?.run;
  if (run !== undefined) {
    return { label: runLabel(run), startTime: run.info.startTime ?? 0, source: runSource(run.data.tags) };
  }
  if (typeof arg === 'string' && RUN_ID.test(arg)) {
    const fetched = await (await session.stores()).tracking.getRun(arg);
    return {
      label: runLabel(fetched),
      startTime: fetched.info.startTime ?? 0,
      source: runSource(fetched.data.tags),
    };
  }
  const modelNode = nodeOf(arg, 'loggedModel');
  const model = modelNode?.logged;
  if (modelNode !== undefined && model === undefined && RUN_ID.test(modelNode.runId)) {
    // a run's model (2.x, or 3.x without its entity loaded): the code is its source run's
    return codeSubject(modelNode.runId, session);
  }
  if (model !== undefined) {
    return {
      label: displayText(model.name, 120),
      startTime: model.creationTimestampMs ?? 0,
      source: runSource(model.tags),
    };
  }
  const trace = nodeOf(arg, 'trace')?.info;
  if (trace !== undefined) {
    const tags: Tag[] = Object.entries({ ...trace.tags, ...trace.metadata }).map(([key, value]) => ({
      key,
      value,
    }));
    return { label: displayText(trace.traceId, 40), startTime: trace.requestTimeMs, source: runSource(tags) };
  }
  return undefined;
}

/** The distinct subjects of a command on a multi-selection (the clicked node plus the selection). */
export async function codeSubjects(
  arg: unknown,
  selection: unknown,
  session: StoreSession,
): Promise<CodeSubject[]> {
  const items = Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [arg];
  const out: CodeSubject[] = [];
  for (const item of items) {
    const subject = await codeSubject(item, session);
    if (subject !== undefined) {
      out.push(subject);
    }
  }
  return out;
}
