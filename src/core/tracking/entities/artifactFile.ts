import { asObject, optBool, optInt, reqString } from '../../common/jsonFields';

/** One entry of an artifact listing; `path` is relative to the run's artifact root. */
export interface ArtifactFile {
  readonly path: string;
  readonly isDir: boolean;
  /** Absent for folders. */
  readonly fileSize: number | undefined;
}

/** Parse `{path, is_dir, file_size}`. */
export function parseArtifactFile(raw: unknown): ArtifactFile {
  const o = asObject(raw, 'file');
  return {
    path: reqString(o, 'path'),
    isDir: optBool(o, 'is_dir') ?? false,
    fileSize: optInt(o, 'file_size'),
  };
}
