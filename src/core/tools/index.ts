import { searchExperiments } from './experimentTools';
import { getMetricHistory } from './metricTools';
import { listModelVersions, listRegisteredModels } from './registryTools';
import { compareRuns, getRun, searchRuns } from './runTools';
import { getModelSignature } from './signatureTool';
import { getTrace, searchTraces } from './traceTools';
import { MAX_VALUE, clip } from './toolOutput';
import { setModelAlias, setRunTag } from './writeTools';
import type { MlflowTool } from './toolTypes';

export type { MlflowTool, ToolCall, ToolInput, ToolInputSchema, ToolStores } from './toolTypes';
export { ToolInputError } from './toolTypes';
export { MAX_TOOL_OUTPUT, clip, toolText } from './toolOutput';
export { experimentJson } from './experimentTools';
export { runDetailJson, runSummaryJson } from './runJson';

/** Every MLflow tool, read-only ones first; the editor and the MCP server offer the same list. */
export const MLFLOW_TOOLS: readonly MlflowTool[] = [
  searchExperiments,
  searchRuns,
  getRun,
  compareRuns,
  getMetricHistory,
  listRegisteredModels,
  listModelVersions,
  getModelSignature,
  searchTraces,
  getTrace,
  setModelAlias,
  setRunTag,
];

/** The tool with this name, or undefined. */
export function toolNamed(name: string): MlflowTool | undefined {
  return MLFLOW_TOOLS.find((t) => t.name === name);
}

/** A failed tool call as text for the model: what went wrong, bounded and inert. */
export function toolErrorText(tool: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${tool} failed: ${clip(message, MAX_VALUE)}`;
}
