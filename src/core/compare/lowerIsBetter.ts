/** Words that name something to minimise: losses, errors, distances, costs and times. */
const LOWER = new Set([
  'loss',
  'losses',
  'logloss',
  'nll',
  'error',
  'errors',
  'err',
  'rmse',
  'mse',
  'mae',
  'mape',
  'smape',
  'msle',
  'rmsle',
  'medae',
  'wer',
  'cer',
  'fpr',
  'fnr',
  'perplexity',
  'ppl',
  'brier',
  'hinge',
  'divergence',
  'kl',
  'distance',
  'cost',
  'regret',
  'latency',
  'time',
  'runtime',
  'walltime',
  'duration',
  'seconds',
  'secs',
  'sec',
  'ms',
  'memory',
  'mem',
]);

/** Words that name something to maximise; they win over LOWER when they come later in the key. */
const HIGHER = new Set([
  'accuracy',
  'acc',
  'auc',
  'roc',
  'f1',
  'fbeta',
  'precision',
  'recall',
  'r2',
  'score',
  'iou',
  'dice',
  'bleu',
  'rouge',
  'ndcg',
  'mrr',
  'map',
  'hit',
  'hits',
  'reward',
  'return',
  'throughput',
  'tps',
  'qps',
]);

/**
 * Whether a smaller value of this metric is better, judged from its name, so the compare table
 * can highlight the best run. The key is split into words at `_`, `-`, `/`, `.`, spaces and
 * camelCase boundaries (`val_loss`, `eval/rmse`, `trainLoss`), case-insensitively; the last word
 * that is a known measure decides, because names end with what they measure (`loss_improvement`
 * is rare, `accuracy_loss` rarer still). Rates are not times: words after `per` are ignored
 * (`samples_per_second` is a throughput). sklearn's `neg_` prefix flips the answer
 * (`neg_mean_squared_error` is maximised). Unknown names are treated as higher-is-better.
 */
export function lowerIsBetter(metricKey: string): boolean {
  const words = metricKey
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  // In a rate the unit after `per` is not the measure: `time_per_step` is a time, `samples_per_second` is not.
  const per = words.indexOf('per');
  const measured = per < 0 ? words : words.slice(0, per);
  let lower = false;
  for (const w of measured) {
    if (LOWER.has(w)) {
      lower = true;
    } else if (HIGHER.has(w)) {
      lower = false;
    }
  }
  const negated = words.includes('neg') || words.includes('negative');
  return negated ? !lower : lower;
}
