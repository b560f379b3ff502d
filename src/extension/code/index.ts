// What the code feature offers the rest of the extension: other folders import it from here, never
// from its files (test/unit/importGraph.test.ts and the lint rule keep it so).
export { registerCode, type CodeFeature } from './registerCode';
