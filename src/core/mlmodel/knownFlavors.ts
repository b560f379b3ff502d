import { MLMODEL_SCHEMA } from './mlmodelSchema';

/** Flavours the schema describes, in the order they appear there. */
export const KNOWN_FLAVORS: readonly string[] = Object.keys(
  MLMODEL_SCHEMA.properties?.flavors?.properties ?? {},
);

/**
 * The pyfunc loader module of each built-in flavour, for the "add python_function" quick fix.
 * A flavour's pyfunc block always names its own module as the loader.
 */
export const PYFUNC_LOADER: Readonly<Record<string, string>> = {
  sklearn: 'mlflow.sklearn',
  xgboost: 'mlflow.xgboost',
  lightgbm: 'mlflow.lightgbm',
  pytorch: 'mlflow.pytorch',
  tensorflow: 'mlflow.tensorflow',
  keras: 'mlflow.keras',
  onnx: 'mlflow.onnx',
  transformers: 'mlflow.transformers',
  langchain: 'mlflow.langchain',
  openai: 'mlflow.openai',
  spark: 'mlflow.spark',
  statsmodels: 'mlflow.statsmodels',
};

/** The model file a flavour's pyfunc block passes to its loader, by the key that names it. */
export const PYFUNC_DATA_KEY: Readonly<Record<string, string>> = {
  sklearn: 'pickled_model',
  xgboost: 'data',
  lightgbm: 'data',
  pytorch: 'model_data',
  tensorflow: 'data',
  keras: 'data',
  onnx: 'data',
  openai: 'data',
  spark: 'model_data',
  statsmodels: 'data',
};
