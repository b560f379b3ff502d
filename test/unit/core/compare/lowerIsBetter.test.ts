import * as assert from 'node:assert/strict';
import { lowerIsBetter } from '../../../../src/core/compare/lowerIsBetter';

describe('lowerIsBetter (which way a metric improves, from its name)', () => {
  const lower = [
    'loss',
    'val_loss',
    'train/loss',
    'eval-loss',
    'Loss',
    'trainLoss',
    'error',
    'error_rate',
    'err',
    'test_rmse',
    'train/rmse',
    'MSE',
    'mae',
    'mape',
    'perplexity',
    'latency_ms',
    'inference_time',
    'epoch_duration',
    'training_time_seconds',
    'time_per_step',
    'errors_per_batch',
    'neg_accuracy',
  ];
  const higher = [
    'accuracy',
    'val_accuracy',
    'auc',
    'roc_auc',
    'f1',
    'f1_score',
    'precision',
    'recall',
    'r2',
    'r2_score',
    'score',
    'map',
    'samples_per_second',
    'tokens_per_sec',
    'neg_mean_squared_error',
    'epoch',
    'lr',
    'timestamp',
    'lossless_ratio',
    'terror',
    'mapping',
  ];
  for (const key of lower) {
    it(`${key}: lower is better`, () => {
      assert.equal(lowerIsBetter(key), true);
    });
  }
  for (const key of higher) {
    it(`${key}: higher is better`, () => {
      assert.equal(lowerIsBetter(key), false);
    });
  }
});
