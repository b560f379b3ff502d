import type { TrackingTarget } from '../../core/connection/trackingUri';
import type { ConnectionSource } from '../../core/connection/resolveConnection';

/** The active connection as every view sees it. `problem` is set when the URI could not be used. */
export type ConnectionState =
  | { readonly status: 'none' }
  | {
      readonly status: 'invalid';
      readonly uri: string;
      readonly source: ConnectionSource;
      readonly problem: string;
    }
  | {
      readonly status: 'ready';
      readonly uri: string;
      readonly source: ConnectionSource;
      readonly target: TrackingTarget;
    };

/** Local stores are read-only; writes need a tracking server (DESIGN.md, data sources). */
export function isReadOnly(state: ConnectionState): boolean {
  return state.status === 'ready' && (state.target.kind === 'sqlite' || state.target.kind === 'file');
}

/** A short label for the status bar and the Experiments view. */
export function connectionLabel(state: ConnectionState): string {
  switch (state.status) {
    case 'none':
      return 'not connected';
    case 'invalid':
      return 'invalid tracking URI';
    case 'ready':
      return shortLabel(state.target);
  }
}

function shortLabel(target: TrackingTarget): string {
  switch (target.kind) {
    case 'rest':
      return target.display.replace(/^https?:\/\//, '');
    case 'sqlite':
    case 'file':
      return target.path.split(/[\\/]/).slice(-2).join('/');
    case 'databricks':
    case 'azureml':
      return target.display;
  }
}
