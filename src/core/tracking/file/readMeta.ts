import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import type { JsonObject } from '../../common/jsonFields';

/** meta.yaml files are a few hundred bytes; anything far larger is not one MLflow wrote. */
const MAX_META_BYTES = 1024 * 1024;

/**
 * Read an MLflow `meta.yaml` with js-yaml's safe core schema (no custom tags, bounded depth and
 * aliases). Undefined when the file is missing, too large or not a mapping: the file store skips
 * such folders, as MLflow does with malformed experiments.
 */
export async function readMeta(file: string): Promise<JsonObject | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  if (text.length > MAX_META_BYTES) {
    return undefined;
  }
  try {
    const doc = load(text, { maxDepth: 20, maxAliases: 0 });
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** A scalar meta.yaml field as text (`experiment_id: '1'` and `version: 2` both give a string). */
export function metaText(meta: JsonObject, field: string): string | undefined {
  const v = meta[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A numeric meta.yaml field (timestamps); undefined for null/absent. */
export function metaInt(meta: JsonObject, field: string): number | undefined {
  const v = meta[field];
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}
