import { checkModelName } from './modelName';
import type {
  ScaffoldAnswers,
  ScaffoldFile,
  ScaffoldTemplateId,
  ScaffoldTemplateInfo,
} from './scaffoldTypes';
import { modelsFromCodeFiles } from './templates/modelsFromCodeTemplate';
import { onnxGenaiFiles } from './templates/onnxGenaiTemplate';
import { transformersPipelineFiles } from './templates/transformersPipelineTemplate';

/** The templates, in the order the wizard lists them. */
export const SCAFFOLD_TEMPLATES: readonly ScaffoldTemplateInfo[] = [
  {
    id: 'onnx-genai',
    label: 'Wrap an ONNX language model',
    description: 'Phi-3 mini and other onnxruntime-genai models',
    detail:
      'load_context opens the model folder from context.artifacts; predict turns prompts into completions.',
  },
  {
    id: 'models-from-code',
    label: 'Model from code',
    description: 'mlflow.models.set_model, no pickling',
    detail: 'A PythonModel in model.py, logged by its path: rules, prompt templates, calls to a service.',
  },
  {
    id: 'transformers-pipeline',
    label: 'Wrap a transformers pipeline',
    description: 'Hugging Face pipeline saved with the model',
    detail: 'load_context builds the pipeline from the saved artifact; predict reshapes its output.',
  },
];

const BUILDERS: Record<ScaffoldTemplateId, (name: string) => ScaffoldFile[]> = {
  'onnx-genai': onnxGenaiFiles,
  'models-from-code': modelsFromCodeFiles,
  'transformers-pipeline': transformersPipelineFiles,
};

/** Whether a string names one of the templates. */
export function isScaffoldTemplateId(value: unknown): value is ScaffoldTemplateId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(BUILDERS, value);
}

/**
 * The files of a new custom-model project, relative to its folder. Pure: the caller decides where
 * they go and refuses to overwrite. Throws on a name {@link checkModelName} rejects, whoever calls.
 */
export function scaffoldFiles(answers: ScaffoldAnswers): ScaffoldFile[] {
  const checked = checkModelName(answers.name);
  if (!checked.ok) {
    throw new Error(checked.error);
  }
  if (!isScaffoldTemplateId(answers.template)) {
    throw new Error(`Unknown template "${String(answers.template)}".`);
  }
  return BUILDERS[answers.template](answers.name);
}

/** The file the wizard opens next to the README: the one to edit first. */
export const PRIMARY_FILE = 'model.py';
