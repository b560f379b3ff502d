export { registerAiTools, type AiTools } from './registerAiTools';
export { toolStoresOf } from './mlflowLanguageModelTool';
export { MCP_PROVIDER_ID, type McpProviderState } from './mcpServerProvider';
