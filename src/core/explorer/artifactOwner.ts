import { LOGGED_MODEL_ID } from '../tracking/entities/loggedModel';
import type { ArtifactListing, TrackingStore } from '../tracking/trackingStore';

/**
 * Artifacts belong to a run or, in MLflow 3, to a logged model, whose files live under the
 * experiment (`<experiment>/models/<m-id>/artifacts`) and are reached through their own routes.
 * The owner's id tells which: logged-model ids are `m-` + 32 hex, run ids never start with `m-`.
 */
export function isLoggedModelOwner(ownerId: string): boolean {
  return LOGGED_MODEL_ID.test(ownerId);
}

type ArtifactReads = Pick<
  TrackingStore,
  'listArtifacts' | 'readArtifact' | 'listLoggedModelArtifacts' | 'readLoggedModelArtifact'
>;

/** One folder (undefined: the root) of a run's or a logged model's artifacts. */
export function listOwnerArtifacts(
  tracking: ArtifactReads,
  ownerId: string,
  folder: string | undefined,
  pageToken: string | undefined,
): Promise<ArtifactListing> {
  return isLoggedModelOwner(ownerId)
    ? // MLflow's logged-model listing has no pages: one answer holds the folder.
      tracking.listLoggedModelArtifacts({ modelId: ownerId, path: folder })
    : tracking.listArtifacts({ runId: ownerId, path: folder, pageToken });
}

/** The bytes of one artifact file of a run or a logged model. */
export function readOwnerArtifact(
  tracking: ArtifactReads,
  ownerId: string,
  path: string,
  maxBytes: number,
): Promise<Uint8Array> {
  return isLoggedModelOwner(ownerId)
    ? tracking.readLoggedModelArtifact({ modelId: ownerId, path, maxBytes })
    : tracking.readArtifact({ runId: ownerId, path, maxBytes });
}
