// What the runs table feature offers the rest of the extension: other folders import it from here, never
// from its files (test/unit/importGraph.test.ts and the lint rule keep it so).
export { registerRunsTable, type RunsTables } from './registerRunsTable';
