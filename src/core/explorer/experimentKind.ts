// What an experiment is for, as MLflow 3 records it: the `mlflow.experimentKind` tag. The values
// and their labels follow MLflow 3.11.1's UI (its ExperimentKind enum); the icons are ours. Pure, so
// that the kind → icon/label mapping is tested without VS Code.
import { displayText } from './displayText';

/** The experiment tag that holds the kind. */
export const EXPERIMENT_KIND_TAG = 'mlflow.experimentKind';

/** How one kind reads in the tree: a codicon id and the words MLflow's UI uses for it. */
export interface ExperimentKindLook {
  readonly kind: string;
  readonly label: string;
  readonly icon: string;
}

const GENAI = 'sparkle';
const ML = 'graph';

/** Every kind MLflow 3.11.1 knows; `no_inferred_type` and the empty value mean "none". */
const LOOKS: Readonly<Record<string, Omit<ExperimentKindLook, 'kind'>>> = {
  genai_development: { label: 'GenAI apps & agents', icon: GENAI },
  genai_development_inferred: { label: 'GenAI apps & agents (inferred)', icon: GENAI },
  custom_model_development: { label: 'Machine learning', icon: ML },
  custom_model_development_inferred: { label: 'Machine learning (inferred)', icon: ML },
  finetuning: { label: 'Finetuning', icon: 'tools' },
  forecasting: { label: 'Forecasting', icon: 'graph-line' },
  classification: { label: 'Classification', icon: 'symbol-enum' },
  regression: { label: 'Regression', icon: 'pulse' },
  automl: { label: 'AutoML', icon: 'rocket' },
};

/** The kinds a person may set, as in MLflow's own kind selector (the others are set by tools). */
export const SELECTABLE_EXPERIMENT_KINDS: readonly ExperimentKindLook[] = [
  'genai_development',
  'custom_model_development',
].map((kind) => ({ kind, ...(LOOKS[kind] ?? { label: kind, icon: 'beaker' }) }));

/** The kind tag's value, or undefined when there is none (or it says "none"). */
export function experimentKindOf(tags: ReadonlyArray<{ key: string; value: string }>): string | undefined {
  const value = tags.find((t) => t.key === EXPERIMENT_KIND_TAG)?.value.trim();
  return value === undefined || value === '' || value === 'no_inferred_type' ? undefined : value;
}

/**
 * How a kind reads, or undefined for none. A kind this table does not know (a newer MLflow's) is
 * shown by its value with the plain experiment icon, never dropped.
 */
export function experimentKindLook(kind: string | undefined): ExperimentKindLook | undefined {
  if (kind === undefined) {
    return undefined;
  }
  const known = Object.prototype.hasOwnProperty.call(LOOKS, kind) ? LOOKS[kind] : undefined;
  return { kind, ...(known ?? { label: displayText(kind, 60), icon: 'beaker' }) };
}

/** GenAI kinds (set or inferred), whose experiments lead with their traces as MLflow's UI does. */
export function isGenAiKind(kind: string | undefined): boolean {
  return kind === 'genai_development' || kind === 'genai_development_inferred';
}
