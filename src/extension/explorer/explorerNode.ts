import type { RunModel } from '../../core/explorer/runModels';
import type { ModelVersion } from '../../core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../core/registry/entities/registeredModel';
import type { ArtifactFile } from '../../core/tracking/entities/artifactFile';
import type { Experiment } from '../../core/tracking/entities/experiment';
import type { LoggedModel } from '../../core/tracking/entities/loggedModel';
import type { Run } from '../../core/tracking/entities/run';
import type { TraceInfo } from '../../core/traces/entities/traceInfo';

/** What a run's expandable sections are. */
export type RunSection = 'params' | 'metrics' | 'tags' | 'datasets' | 'artifacts' | 'models';

/** What an experiment's logged model shows when expanded. */
/** A logged model's child folders; `artifacts` lists its own artifact folder (MLflow 3). */
export type LoggedModelSection = 'params' | 'metrics' | 'tags' | 'artifacts';

/**
 * The nodes of the Experiments and Models views. They are plain data so that commands receive
 * something useful: a run node carries `runId` and `experimentId` at the top level (the contract
 * the run-detail and compare commands rely on), a version node `name` and `version`.
 */
export type ExplorerNode =
  | { readonly kind: 'experiment'; readonly id: string; readonly experiment: Experiment }
  | {
      readonly kind: 'run';
      readonly id: string;
      readonly runId: string;
      readonly experimentId: string;
      readonly name: string;
      readonly run: Run;
      readonly childRuns: readonly ExplorerNode[];
      readonly parentId: string;
    }
  | {
      readonly kind: 'section';
      readonly id: string;
      readonly section: RunSection;
      readonly run: Run;
      readonly parentId: string;
    }
  | {
      readonly kind: 'value';
      readonly id: string;
      readonly label: string;
      readonly description: string;
      readonly tooltip: string;
      readonly icon?: string;
      readonly copy?: string;
      readonly parentId: string;
    }
  | {
      readonly kind: 'artifact';
      readonly id: string;
      /** The owner: a run id, or the `m-…` id of the MLflow 3 logged model the file belongs to. */
      readonly runId: string;
      readonly file: ArtifactFile;
      readonly parentId: string;
    }
  | {
      readonly kind: 'loggedModel';
      readonly id: string;
      /** The source run; '' for a logged model of an experiment made outside any run. */
      readonly runId: string;
      readonly model: RunModel;
      readonly parentId: string;
      /** The whole MLflow 3 model, on the nodes under an experiment's Logged Models node. */
      readonly logged?: LoggedModel;
    }
  | {
      readonly kind: 'loggedModels';
      readonly id: string;
      readonly experimentId: string;
      readonly parentId: string;
    }
  | {
      readonly kind: 'loggedModelSection';
      readonly id: string;
      readonly section: LoggedModelSection;
      readonly model: LoggedModel;
      readonly parentId: string;
    }
  | {
      readonly kind: 'loggedModelsMore';
      readonly id: string;
      readonly experimentId: string;
      readonly loaded: number;
      readonly parentId: string;
    }
  | {
      readonly kind: 'loadMore';
      readonly id: string;
      readonly experimentId: string;
      readonly loaded: number;
      readonly parentId: string;
    }
  | {
      readonly kind: 'traces';
      readonly id: string;
      readonly experimentId: string;
      readonly parentId: string;
    }
  | {
      readonly kind: 'trace';
      readonly id: string;
      readonly traceId: string;
      readonly experimentId: string;
      readonly info: TraceInfo;
      readonly parentId: string;
    }
  | {
      readonly kind: 'traceSession';
      readonly id: string;
      readonly experimentId: string;
      /** undefined for the group of traces without a session. */
      readonly sessionId: string | undefined;
      readonly count: number;
      readonly parentId: string;
    }
  | {
      readonly kind: 'tracesMore';
      readonly id: string;
      readonly experimentId: string;
      readonly loaded: number;
      readonly parentId: string;
    }
  | {
      readonly kind: 'message';
      readonly id: string;
      readonly text: string;
      readonly detail: string;
      readonly severity: 'error' | 'info';
      readonly retry: boolean;
      readonly parentId: string | undefined;
      readonly signIn?: boolean;
      readonly editFilter?: boolean;
      /** The command a click on a refused filter opens, when it is not the run filter's. */
      readonly editFilterCommand?: { readonly command: string; readonly arguments: readonly unknown[] };
    }
  | { readonly kind: 'registeredModel'; readonly id: string; readonly model: RegisteredModel }
  | {
      readonly kind: 'modelVersion';
      readonly id: string;
      readonly name: string;
      readonly version: string;
      readonly modelVersion: ModelVersion;
      readonly parentId: string;
    };

export type NodeOf<K extends ExplorerNode['kind']> = Extract<ExplorerNode, { kind: K }>;

/** Narrow a command argument to a node of one of the given kinds. */
export function nodeOf<K extends ExplorerNode['kind']>(arg: unknown, ...kinds: K[]): NodeOf<K> | undefined {
  if (typeof arg !== 'object' || arg === null || !('kind' in arg)) {
    return undefined;
  }
  const kind = arg.kind;
  return kinds.some((k) => k === kind) ? (arg as NodeOf<K>) : undefined;
}
