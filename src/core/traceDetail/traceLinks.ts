import { exceptionOf } from '../traces/entities/span';
import type { Trace } from '../traces/entities/trace';
import type { LinkedPrompt } from '../traces/entities/traceInfo';
import { pythonFrames, type SourceFrame } from './pythonFrames';

/** What a trace points at, before the host checks which files the workspace has. */
export interface TraceLinks {
  /** The run the trace was made in (metadata `mlflow.sourceRun`). */
  readonly sourceRun: string | undefined;
  /** The logged model's URI, `models:/m-<id>` (metadata `mlflow.modelId`). */
  readonly loggedModel: string | undefined;
  /** Prompt versions the trace used (tag `mlflow.linkedPrompts`). */
  readonly prompts: readonly LinkedPrompt[];
  /** Files and lines named by exception stack traces, then `mlflow.source.name` (line 1). */
  readonly frames: readonly SourceFrame[];
}

const RUN_ID = /^[0-9A-Za-z_-]{1,64}$/;
const MODEL_ID = /^m-[0-9A-Za-z_-]{1,64}$/;
/** Prompt names as MLflow allows them (letters, digits, `-`, `_`, `.`), versions as numbers. */
const PROMPT_NAME = /^[\w.-]{1,256}$/;
const VERSION = /^\d{1,9}$/;
const MAX_PROMPTS = 50;
const MAX_FRAMES = 50;

/** The source file `mlflow.source.name` names, when it reads as a Python script. */
function sourceFrame(name: string | undefined): SourceFrame[] {
  return name !== undefined && name.endsWith('.py') ? [{ file: name, line: 1 }] : [];
}

/**
 * The links the trace panel offers. Ids that do not have the shape MLflow gives them are dropped,
 * so nothing odd from the server reaches a command. Pure: files are only candidates here.
 */
export function traceLinks(trace: Trace): TraceLinks {
  const { info } = trace;
  const stackFrames = trace.spans.flatMap((s) =>
    s.events.flatMap((e) => {
      const stack = exceptionOf(e)?.stackTrace;
      return stack === undefined ? [] : pythonFrames(stack);
    }),
  );
  const seen = new Set<string>();
  const frames = [...stackFrames, ...sourceFrame(info.metadata['mlflow.source.name'])].filter((f) => {
    const key = `${f.file}\n${String(f.line)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return {
    sourceRun: info.sourceRunId !== undefined && RUN_ID.test(info.sourceRunId) ? info.sourceRunId : undefined,
    loggedModel:
      info.modelId !== undefined && MODEL_ID.test(info.modelId) ? `models:/${info.modelId}` : undefined,
    prompts: info.linkedPrompts
      .filter((p) => PROMPT_NAME.test(p.name) && VERSION.test(p.version))
      .slice(0, MAX_PROMPTS),
    frames: frames.slice(0, MAX_FRAMES),
  };
}
