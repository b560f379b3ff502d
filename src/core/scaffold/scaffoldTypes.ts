/** One file a template writes, relative to the new project folder (forward slashes). */
export interface ScaffoldFile {
  readonly relativePath: string;
  readonly content: string;
}

/** The templates "MLflow: New Custom Model…" offers. */
export type ScaffoldTemplateId = 'onnx-genai' | 'models-from-code' | 'transformers-pipeline';

/** What the wizard asks; everything a template needs to write its files. */
export interface ScaffoldAnswers {
  readonly template: ScaffoldTemplateId;
  /** The model's name: a Python identifier, also the folder name and the logged model's name. */
  readonly name: string;
}

/** How the wizard presents a template. */
export interface ScaffoldTemplateInfo {
  readonly id: ScaffoldTemplateId;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}
