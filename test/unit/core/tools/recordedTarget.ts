import * as path from 'node:path';
import { parseTrackingUri, type TrackingTarget } from '../../../../src/core/connection/trackingUri';
import { FIXTURES_3 } from '../../../support/mlflow/recordedExchange';

/** The recorded MLflow 3.11.1 `mlflow.db`, read in place as a `sqlite:` tracking URI. */
export function recordedTarget(): TrackingTarget {
  const parsed = parseTrackingUri(`sqlite:///${path.join(FIXTURES_3, 'sqlite', 'mlflow.db')}`, process.cwd());
  if (!parsed.ok) {
    throw new Error(parsed.error);
  }
  return parsed.target;
}
