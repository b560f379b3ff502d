import type { JsonValue } from '../traces/parse/losslessJson';

/** What a scorer's feedback says about a row: a pass, a fail, a scorer error, or only a value. */
export type Verdict = 'pass' | 'fail' | 'error' | 'value';

/** Words scorers answer with: MLflow's `CategoricalRating` (yes/no) and the usual pass/fail pairs. */
const PASS = new Set(['yes', 'pass', 'passed', 'true', 'correct']);
const FAIL = new Set(['no', 'fail', 'failed', 'false', 'incorrect']);

/**
 * The verdict of one feedback value: booleans and yes/no-like words are pass or fail; a feedback
 * that carries an error instead of a value is an error; numbers and anything else are a value with
 * no verdict (a score's threshold is the user's to set, not ours to guess).
 */
export function verdictOf(value: JsonValue, hasError: boolean): Verdict {
  if (hasError) {
    return 'error';
  }
  if (typeof value === 'boolean') {
    return value ? 'pass' : 'fail';
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    return PASS.has(word) ? 'pass' : FAIL.has(word) ? 'fail' : 'value';
  }
  return 'value';
}

/** A feedback value as one line of text: strings as they are, the rest as JSON. */
export function displayValue(value: JsonValue): string {
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}
