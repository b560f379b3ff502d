// What the serving feature offers the rest of the extension: other folders import it from here, never
// from its files (test/unit/importGraph.test.ts and the lint rule keep it so).
export { mlmodelCodeLenses } from './mlmodelCodeLens';
export { serverInfo, type ModelServerInfo } from './modelServer';
export { registerServingCommands } from './registerServingCommands';
export { ServeManager } from './serveManager';
export { ServingTreeProvider } from './servingTreeProvider';
