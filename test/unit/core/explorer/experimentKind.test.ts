import * as assert from 'node:assert/strict';
import {
  experimentKindLook,
  experimentKindOf,
  isGenAiKind,
  SELECTABLE_EXPERIMENT_KINDS,
} from '../../../../src/core/explorer/experimentKind';
import { isGenAiExperiment } from '../../../../src/core/explorer/traceSummary';

const tagged = (value: string): Array<{ key: string; value: string }> => [
  { key: 'mlflow.note.content', value: 'about' },
  { key: 'mlflow.experimentKind', value },
];

describe('experiment kinds (mlflow.experimentKind)', () => {
  it('reads the kind tag; none, empty and no_inferred_type mean no kind', () => {
    assert.equal(experimentKindOf(tagged('genai_development')), 'genai_development');
    assert.equal(experimentKindOf(tagged('custom_model_development')), 'custom_model_development');
    assert.equal(experimentKindOf([]), undefined);
    assert.equal(experimentKindOf(tagged('')), undefined);
    assert.equal(experimentKindOf(tagged('no_inferred_type')), undefined);
  });

  it('maps each MLflow 3.11.1 kind to an icon and the label MLflow shows', () => {
    const looks = [
      'genai_development',
      'genai_development_inferred',
      'custom_model_development',
      'custom_model_development_inferred',
      'finetuning',
      'forecasting',
      'classification',
      'regression',
      'automl',
    ].map((k) => experimentKindLook(k));
    assert.deepEqual(
      looks.map((l) => [l?.kind, l?.icon, l?.label]),
      [
        ['genai_development', 'sparkle', 'GenAI apps & agents'],
        ['genai_development_inferred', 'sparkle', 'GenAI apps & agents (inferred)'],
        ['custom_model_development', 'graph', 'Machine learning'],
        ['custom_model_development_inferred', 'graph', 'Machine learning (inferred)'],
        ['finetuning', 'tools', 'Finetuning'],
        ['forecasting', 'graph-line', 'Forecasting'],
        ['classification', 'symbol-enum', 'Classification'],
        ['regression', 'pulse', 'Regression'],
        ['automl', 'rocket', 'AutoML'],
      ],
    );
    assert.equal(experimentKindLook(undefined), undefined);
  });

  it('shows a kind it does not know by its value with the plain icon, made safe to display', () => {
    assert.deepEqual(experimentKindLook('quantum_annealing'), {
      kind: 'quantum_annealing',
      label: 'quantum_annealing',
      icon: 'beaker',
    });
    assert.equal(experimentKindLook('toString')?.icon, 'beaker', 'no prototype keys leak in');
    assert.ok(!(experimentKindLook('a\u202Eb')?.label ?? '').includes('\u202E'), 'bidi controls removed');
  });

  it('offers the two kinds MLflow lets a person choose, and treats both GenAI forms as GenAI', () => {
    assert.deepEqual(
      SELECTABLE_EXPERIMENT_KINDS.map((k) => k.kind),
      ['genai_development', 'custom_model_development'],
    );
    assert.equal(isGenAiKind('genai_development_inferred'), true);
    assert.equal(isGenAiKind('custom_model_development'), false);
    assert.equal(isGenAiExperiment(tagged('genai_development_inferred')), true);
    assert.equal(isGenAiExperiment(tagged('custom_model_development')), false);
  });
});
