import type { RegistryStore } from '../registry/registryStore';
import type { RegistryWriter } from '../registry/registryWriter';
import type { TraceStore } from '../traces/traceStore';
import type { TrackingStore } from '../tracking/trackingStore';
import type { TrackingWriter } from '../tracking/trackingWriter';

/** The stores a tool reads (and, for the write tools, changes). */
export interface ToolStores {
  readonly tracking: TrackingStore;
  readonly registry: RegistryStore;
  /** Opened on first use: most tools never touch traces. */
  readonly traces: () => Promise<TraceStore>;
  /** Present on a tracking server only; local stores are read-only. */
  readonly trackingWriter?: TrackingWriter;
  readonly registryWriter?: RegistryWriter;
}

/** One call of a tool. */
export interface ToolCall {
  readonly stores: ToolStores;
  readonly signal?: AbortSignal;
}

/** The JSON Schema subset the tools' inputs use (what VS Code and MCP clients both accept). */
export interface JsonSchemaProperty {
  readonly type: 'string' | 'integer' | 'array';
  readonly description: string;
  readonly items?: { readonly type: 'string' };
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** A tool's input: an object of named properties. */
export interface ToolInputSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchemaProperty>>;
  readonly required?: readonly string[];
  readonly additionalProperties: false;
}

/** The input a tool received, not yet checked (it comes from a model). */
export type ToolInput = Readonly<Record<string, unknown>>;

/**
 * One MLflow tool, shared by the editor's language model tools and the MCP server: a name of the
 * form `{verb}_{noun}`, a description written for the model, and a run that answers plain text
 * (JSON or a table), bounded in size and with every server string made inert.
 */
export interface MlflowTool {
  readonly name: string;
  /** A short human title (`Search MLflow Runs`). */
  readonly title: string;
  /** For the model: what the tool does, when to use it, and what it answers. */
  readonly description: string;
  readonly inputSchema: ToolInputSchema;
  /** True for the tools that change something; they ask for confirmation first. */
  readonly writes: boolean;
  /** For write tools: one sentence naming exactly what will change. */
  readonly describeChange?: (input: ToolInput) => string;
  run(input: ToolInput, call: ToolCall): Promise<string>;
}

/** A tool input the model got wrong: the message says what to send instead. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
