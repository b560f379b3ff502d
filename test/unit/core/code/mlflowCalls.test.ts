import * as assert from 'node:assert/strict';
import { findMlflowCalls } from '../../../../src/core/code/mlflowCalls';
import { scanPython } from '../../../../src/core/code/pythonScan';

const simple = (source: string): string[] =>
  findMlflowCalls(source).map((c) => `${c.kind}${c.name === undefined ? '' : `:${c.name}`}`);

describe('findMlflowCalls (Python training scripts)', () => {
  it('finds each call form with its experiment name and metric keys', () => {
    const source = [
      'import mlflow',
      'mlflow.set_experiment("iris-classification")',
      'mlflow.autolog()',
      'mlflow.sklearn.autolog(log_models=False)',
      'with mlflow.start_run(run_name="a"):',
      '    mlflow.log_metric("loss", 0.3, step=1)',
      "    mlflow.log_metric(key='accuracy', value=0.9)",
      '    mlflow.log_metrics({"val_loss": 1.0, \'f1\': f1, **extra})',
      '',
    ].join('\n');
    assert.deepEqual(simple(source), [
      'setExperiment:iris-classification',
      'autolog',
      'autolog',
      'startRun',
      'logMetric:loss',
      'logMetric:accuracy',
      'logMetrics:val_loss',
      'logMetrics:f1',
    ]);
  });

  it('gives each key of a multi-line log_metrics its own offset', () => {
    const source =
      'import mlflow\nmlflow.log_metrics(\n  {\n    "a": 1,\n    "b": {"nested": 2}["nested"],\n  }\n)\n';
    const calls = findMlflowCalls(source);
    assert.deepEqual(
      calls.map((c) => [c.name, source.slice(0, c.nameOffset).split('\n').length]),
      [
        ['a', 4],
        ['b', 5],
      ],
    );
  });

  it('follows `import mlflow as mf` and `from mlflow import log_metric`', () => {
    assert.deepEqual(simple('import numpy as np, mlflow as mf\nmf.set_experiment(experiment_name="x")\n'), [
      'setExperiment:x',
    ]);
    assert.deepEqual(
      simple('from mlflow import log_metric, start_run\nlog_metric("rmse", 1)\nstart_run()\n'),
      ['logMetric:rmse', 'startRun'],
    );
  });

  it('reads start_run(experiment_id=...) when it is a literal', () => {
    const [call] = findMlflowCalls('import mlflow\nmlflow.start_run(experiment_id="12")\n');
    assert.equal(call?.experimentId, '12');
  });

  it('ignores calls in comments and strings, other modules, and dynamic keys', () => {
    const source = [
      'import mlflow',
      '# mlflow.log_metric("commented", 1)',
      '"""',
      'mlflow.log_metric("in_docstring", 1)',
      '"""',
      's = "mlflow.set_experiment(\'in_string\')"',
      'other.log_metric("not_mlflow", 1)',
      'mlflow.sklearn.log_metric("not_a_flavor_call", 1)',
      'mlflow.log_metric(f"loss_{i}", 1)',
      'mlflow.log_metric(name, 1)',
      'mlflow.log_metric("ok", 1)',
    ].join('\n');
    assert.deepEqual(simple(source), ['logMetric:ok']);
  });

  it('finds nothing in a file that does not import mlflow', () => {
    assert.deepEqual(simple('log_metric("x", 1)\nmlflow.log_metric("y", 1)\n'), []);
  });

  it('keeps offsets: the scan is as long as the source and blanks string insides', () => {
    const source = 'x = r"a\\"b" # c\ny = """t\n"""\n';
    const scanned = scanPython(source);
    assert.equal(scanned.code.length, source.length);
    assert.equal(scanned.code, 'x = r"    "    \ny = """ \n"""\n');
    assert.deepEqual(
      scanned.strings.map((s) => s.value),
      ['a\\"b', 't\n'],
    );
  });

  it('stays bounded on an unterminated call and a huge file', () => {
    const huge = `import mlflow\nmlflow.log_metrics({"a": 1, ${'"k": 0, '.repeat(50_000)}`;
    const calls = findMlflowCalls(huge);
    assert.ok(calls.length > 0 && calls.length < 5_000, String(calls.length));
  });
});
