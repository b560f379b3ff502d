// What the explorer feature offers the rest of the extension: other folders import it from here, never
// from its files (test/unit/importGraph.test.ts and the lint rule keep it so).
export { nodeOf } from './explorerNode';
export { registerExplorer, type Explorer } from './registerExplorer';
export { writers } from './writeAccess';
export { promptRunFilter } from './runFilterPrompt';
