import * as assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { loggedModelSummary } from '../../../../src/core/compare/loggedModelSummary';
import type { LoggedModel } from '../../../../src/core/tracking/entities/loggedModel';

const model = (over: Partial<LoggedModel> = {}): LoggedModel => ({
  modelId: 'm-92f7cb2d35cf41a6b8527ddd10132494',
  experimentId: '1',
  name: 'support-agent',
  artifactUri: undefined,
  creationTimestampMs: 1,
  lastUpdatedTimestampMs: 2,
  modelType: 'agent',
  sourceRunId: 'r1',
  status: 'LOGGED_MODEL_READY',
  tags: [{ key: 'mlflow.source.git.commit', value: 'abc123' }],
  params: [
    { key: 'temperature', value: '0.2' },
    { key: 'llm', value: 'gpt-4o-mini' },
  ],
  metrics: [
    { key: 'accuracy', value: 0.5, step: 0, timestamp: 10 },
    { key: 'accuracy', value: 0.75, step: 1, timestamp: 20 },
    { key: 'latency', value: 3, step: 0, timestamp: 10 },
  ],
  ...over,
});

describe('loggedModelSummary (the text two logged models are diffed by)', () => {
  it('lists identity, sorted params, each metric’s last value by step, and tags', () => {
    const text = loggedModelSummary(model());
    const doc = load(text) as Record<string, Record<string, unknown>>;
    const info = doc.model ?? {};
    assert.equal(info.uri, 'models:/m-92f7cb2d35cf41a6b8527ddd10132494');
    assert.equal(info.source_run, 'r1');
    assert.deepEqual(Object.keys(doc.params ?? {}), ['llm', 'temperature']);
    assert.deepEqual(doc.metrics, { accuracy: '0.75 (step 1 of 2)', latency: '3' });
    assert.deepEqual(doc.tags, { 'mlflow.source.git.commit': 'abc123' });
  });

  it('a metric evaluated on a dataset is named after it', () => {
    const doc = load(
      loggedModelSummary(
        model({
          metrics: [
            { key: 'f1', value: 0.5, step: 0, timestamp: 1, datasetName: 'eval-a' },
            { key: 'f1', value: 0.6, step: 0, timestamp: 1, datasetName: 'eval-b' },
          ],
        }),
      ),
    ) as Record<string, unknown>;
    assert.deepEqual(doc.metrics, { 'f1 (eval-a)': '0.5', 'f1 (eval-b)': '0.6' });
  });

  it('two models differ only on the lines whose values differ', () => {
    const a = loggedModelSummary(model()).split('\n');
    const b = loggedModelSummary(
      model({
        params: [
          { key: 'temperature', value: '0.7' },
          { key: 'llm', value: 'gpt-4o-mini' },
        ],
      }),
    ).split('\n');
    assert.equal(a.length, b.length);
    const differing = a.filter((line, i) => line !== b[i]);
    assert.deepEqual(differing, ["  temperature: '0.2'"]);
  });

  it('cuts a 1 MB value and makes controls and bidi overrides printable, and stays valid YAML', () => {
    const hostile = `x: <script>\u202e${'z'.repeat(1024 * 1024)}`;
    const text = loggedModelSummary(model({ name: hostile, params: [{ key: 'k\nk', value: hostile }] }));
    assert.ok(text.length < 5000, `${String(text.length)} characters`);
    assert.ok(!text.includes('\u202e'));
    const doc = load(text) as Record<string, Record<string, string>>;
    assert.match(doc.model?.name ?? '', /^x: <script>\u241fz+…$/);
    assert.ok('k\u241fk' in (doc.params ?? {}));
  });
});
