import * as path from 'node:path';
import type { DatasetInput } from '../entities/run';
import { metaText, readMeta } from './readMeta';
import { subfolders } from './readKeyValueDir';

/**
 * A file-store run's dataset inputs, as MLflow's file store reads them: each `<run>/inputs/<id>/
 * meta.yaml` of `source_type: DATASET` names (by `source_id`) a `<experiment>/datasets/<id>/
 * meta.yaml` holding the dataset; the input's `tags` mapping holds e.g. `mlflow.data.context`.
 * Inputs of other kinds (MLflow 3's logged-model inputs) and inputs whose dataset folder is
 * missing are skipped, as MLflow skips them. MLflow lists them in directory order, which no other
 * reader can reproduce; these come sorted by dataset name, then digest.
 */
export async function readDatasetInputs(runDir: string): Promise<DatasetInput[]> {
  const datasetsDir = path.join(path.dirname(runDir), 'datasets');
  const out: DatasetInput[] = [];
  for (const id of await subfolders(path.join(runDir, 'inputs'))) {
    const input = await readMeta(path.join(runDir, 'inputs', id, 'meta.yaml'));
    const sourceId = input === undefined ? undefined : metaText(input, 'source_id');
    if (
      input === undefined ||
      metaText(input, 'source_type') !== 'DATASET' ||
      sourceId === undefined ||
      !/^[\w-]+$/.test(sourceId)
    ) {
      continue;
    }
    const d = await readMeta(path.join(datasetsDir, sourceId, 'meta.yaml'));
    if (d === undefined) {
      continue;
    }
    const tags =
      typeof input.tags === 'object' && input.tags !== null && !Array.isArray(input.tags)
        ? Object.entries(input.tags)
        : [];
    out.push({
      tags: tags.map(([key, value]) => ({ key, value: typeof value === 'string' ? value : String(value) })),
      dataset: {
        name: metaText(d, 'name') ?? '',
        digest: metaText(d, 'digest') ?? '',
        sourceType: metaText(d, 'source_type') ?? '',
        source: metaText(d, 'source') ?? '',
        schema: metaText(d, 'schema'),
        profile: metaText(d, 'profile'),
      },
    });
  }
  return out.sort((a, b) => cmp(a.dataset.name, b.dataset.name) || cmp(a.dataset.digest, b.dataset.digest));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
