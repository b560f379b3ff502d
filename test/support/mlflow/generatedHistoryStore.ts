// TEST DATA GENERATOR — not MLflow. A TrackingStore whose generated runs have long metric
// histories computed on demand (deterministic curves with noise), and which forwards everything
// else to a real store. 100 runs × 5 metrics × 10,000 steps would be a 450 MB mlflow.db that
// takes half a minute to write through sql.js; generating the points per request costs little
// and lets the loopback test server answer get-history and get-history-bulk-interval over them.
// Sampling picks steps by MLflow's own rules (sampledSteps) and, like MLflow's SQL store, builds
// only the points at those steps, so a sampled answer costs the server what it returns.
import { sampledSteps } from '../../../src/core/tracking/sampleMetricHistories';
import type { Metric, MetricPoint } from '../../../src/core/tracking/entities/metric';
import type { Run } from '../../../src/core/tracking/entities/run';
import type {
  MetricHistoryRequest,
  ReadOptions,
  SampledHistoryRequest,
  TrackingStore,
} from '../../../src/core/tracking/trackingStore';
import { CountingTrackingStore } from './countingTrackingStore';

/** The shape of the generated data. */
export interface GeneratedHistories {
  readonly runs: number;
  readonly steps: number;
  readonly metricKeys: readonly string[];
}

/** The metrics every generated run has, a mix of falling and rising curves. */
export const GENERATED_METRICS: readonly string[] = [
  'loss',
  'val_loss',
  'accuracy',
  'val_accuracy',
  'learning_rate',
];

const T0 = Date.UTC(2026, 10, 1);

/** Id of generated run `i` (32 hex digits, like MLflow's). */
export function generatedRunId(i: number): string {
  return `ce${i.toString(16).padStart(30, '0')}`;
}

/** A reproducible value in [-0.5, 0.5). */
function noise(run: number, metric: number, step: number): number {
  const x = Math.sin(run * 12.9898 + metric * 78.233 + step * 37.719) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

function value(run: number, metric: number, step: number): number {
  const scale = 1500 + run * 20;
  switch (metric % 5) {
    case 0:
      return 0.1 + 2 * Math.exp(-step / scale) + 0.05 * noise(run, metric, step);
    case 1:
      return 0.2 + 2 * Math.exp(-step / (scale * 1.2)) + 0.08 * noise(run, metric, step);
    case 2:
      return 0.95 - 0.85 * Math.exp(-step / scale) + 0.03 * noise(run, metric, step);
    case 3:
      return 0.9 - 0.8 * Math.exp(-step / (scale * 1.2)) + 0.04 * noise(run, metric, step);
    default:
      return 0.01 * Math.pow(0.5, Math.floor(step / 2500));
  }
}

const timestamp = (run: number, step: number): number => T0 + run * 3_600_000 + step * 250;

function point(run: number, metric: number, key: string, step: number): Metric {
  return { key, value: value(run, metric, step), timestamp: timestamp(run, step), step };
}

/** Generated runs answer from the generator; every other call goes to `inner`. Counts calls. */
export class GeneratedHistoryStore extends CountingTrackingStore {
  readonly runIds: readonly string[];
  private readonly index = new Map<string, number>();

  constructor(
    inner: TrackingStore,
    readonly shape: GeneratedHistories,
  ) {
    super(inner);
    this.runIds = Array.from({ length: shape.runs }, (_, i) => generatedRunId(i));
    this.runIds.forEach((id, i) => this.index.set(id, i));
  }

  /** The full history of a generated run, or undefined for another run or key. */
  history(runId: string, metricKey: string): Metric[] | undefined {
    const run = this.index.get(runId);
    const metric = this.shape.metricKeys.indexOf(metricKey);
    if (run === undefined || metric < 0) {
      return undefined;
    }
    return Array.from({ length: this.shape.steps }, (_, step) => point(run, metric, metricKey, step));
  }

  /** A generated run as runs/get answers it: latest value of every metric, two params. */
  override getRun(runId: string, options?: ReadOptions): Promise<Run> {
    const run = this.index.get(runId);
    if (run === undefined) {
      return super.getRun(runId, options);
    }
    const last = this.shape.steps - 1;
    return Promise.resolve({
      info: {
        runId,
        runName: `generated-${String(run).padStart(3, '0')}`,
        experimentId: '0',
        userId: 'generator',
        status: 'FINISHED',
        startTime: timestamp(run, 0),
        endTime: timestamp(run, last),
        artifactUri: undefined,
        lifecycleStage: 'active',
      },
      data: {
        metrics: this.shape.metricKeys.map((key, metric) => point(run, metric, key, last)),
        params: [
          { key: 'lr', value: String(0.001 * ((run % 10) + 1)) },
          { key: 'layers', value: String(2 + (run % 4)) },
        ],
        tags: [],
      },
      inputs: { datasetInputs: [], modelInputs: [] },
      outputs: { modelOutputs: [] },
    });
  }

  override getMetricHistory(r: MetricHistoryRequest): Promise<Metric[]> {
    const h = this.history(r.runId, r.metricKey);
    if (h === undefined) {
      return super.getMetricHistory(r);
    }
    this.calls.push({ method: 'getMetricHistory', args: [r] });
    return Promise.resolve(h);
  }

  override getSampledMetricHistory(r: SampledHistoryRequest): Promise<MetricPoint[]> {
    if (!r.runIds.some((id) => this.index.has(id))) {
      return super.getSampledMetricHistory(r);
    }
    this.calls.push({ method: 'getSampledMetricHistory', args: [r] });
    const metric = this.shape.metricKeys.indexOf(r.metricKey);
    if (metric < 0) {
      return Promise.resolve([]);
    }
    // Every generated run logs the same steps, so their union and per-run ends are those of one run.
    const all = Array.from({ length: this.shape.steps }, (_, step) => step);
    const steps = [...sampledSteps([all], r.maxResults, r.startStep, r.endStep)].sort((a, b) => a - b);
    return Promise.resolve(
      r.runIds.flatMap((runId) => {
        const run = this.index.get(runId);
        return run === undefined
          ? []
          : steps.map((step): MetricPoint => ({
              key: r.metricKey,
              value: value(run, metric, step),
              timestamp: timestamp(run, step),
              step,
              runId,
            }));
      }),
    );
  }
}
