export { registerAiTools, type AiTools } from './registerAiTools';
export { toolStoresOf } from './mlflowLanguageModelTool';
