// The metric lenses of a 2,000-line training script once the store data is cached: what each
// provideCodeLenses costs (a parse of the file and the lens titles; no request). Budget: 50 ms.
import { lensSpecs, type FileLensData } from '../src/core/code/metricLenses';
import { findMlflowCalls } from '../src/core/code/mlflowCalls';
import type { Run } from '../src/core/tracking/entities/run';

/** A training script of `lines` lines: imports, helpers, docstrings, and an MLflow call every few lines. */
export function generateTrainingScript(lines: number): string {
  const out = [
    'import mlflow',
    'import numpy as np',
    '',
    'mlflow.set_experiment("bench-experiment")',
    'mlflow.autolog()',
  ];
  let i = 0;
  while (out.length < lines) {
    i++;
    out.push(
      `def step_${String(i)}(x):`,
      `    """Step ${String(i)}: mlflow.log_metric("not_a_call", 1) in a docstring."""`,
      `    y = np.mean(x) * ${String(i)}  # mlflow.log_metric("comment", 2)`,
      `    mlflow.log_metric("loss_${String(i % 40)}", float(y), step=${String(i)})`,
      `    mlflow.log_metrics({"acc_${String(i % 40)}": 0.5, 'f1': 0.1, "label": "x" + str(y)})`,
      '    with mlflow.start_run(nested=True):',
      '        pass',
      '',
    );
  }
  return out.slice(0, lines).join('\n');
}

function benchRuns(count: number, metrics: number): Run[] {
  return Array.from({ length: count }, (_, r) => ({
    info: {
      runId: r.toString(16).padStart(32, '0'),
      runName: `run-${String(r)}`,
      experimentId: '1',
      userId: undefined,
      status: 'FINISHED',
      startTime: 1_700_000_000_000 - r * 1000,
      endTime: undefined,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: Array.from({ length: metrics }, (_, m) => ({
        key: m % 2 === 0 ? `loss_${String(m / 2)}` : `acc_${String((m - 1) / 2)}`,
        value: Math.random(),
        timestamp: 0,
        step: 0,
      })),
      params: [],
      tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  }));
}

export function codeLenses(): Record<string, unknown> {
  const script = generateTrainingScript(2000);
  const runs = benchRuns(10, 80);
  const data: FileLensData = {
    experiment: { experimentId: '1', name: 'bench-experiment', runCount: 500, more: true },
    latestRun: runs[0],
    fileRuns: runs,
  };
  const times: number[] = [];
  let lenses = 0;
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    lenses = lensSpecs(findMlflowCalls(script), data).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  return {
    lines: 2000,
    bytes: script.length,
    lenses,
    medianMs: Math.round(median * 100) / 100,
    maxMs: Math.round((times[times.length - 1] ?? NaN) * 100) / 100,
    budgetMs: 50,
    withinBudget: median <= 50,
    note: 'parse (comments and strings blanked) + lens titles per provideCodeLenses, store data cached (10 file runs × 80 metrics)',
  };
}
