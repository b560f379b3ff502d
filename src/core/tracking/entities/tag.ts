import { asObject, reqString, optString } from '../../common/jsonFields';

/** A key/value tag (experiments, runs, registered models, model versions, dataset inputs). */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Parse `{key, value}`; MLflow allows a null/absent value on some tags, read as "". */
export function parseTag(raw: unknown): Tag {
  const o = asObject(raw, 'tag');
  return { key: reqString(o, 'key'), value: optString(o, 'value') ?? '' };
}

/** A run parameter: always a string on every backend, even when it looks like a number. */
export interface Param {
  readonly key: string;
  readonly value: string;
}

/** Parse `{key, value}` as a {@link Param}. */
export function parseParam(raw: unknown): Param {
  const o = asObject(raw, 'param');
  return { key: reqString(o, 'key'), value: optString(o, 'value') ?? '' };
}

/** The tag holding a run's or experiment's Markdown description. */
export const NOTE_TAG = 'mlflow.note.content';
/** The tag holding the parent run id of a nested run. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';
