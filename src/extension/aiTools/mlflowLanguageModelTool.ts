import * as vscode from 'vscode';
import { toAbortSignal } from '../../core/common/cancellation';
import { redactUri } from '../../core/connection/trackingUri';
import { toolErrorText, type MlflowTool, type ToolInput, type ToolStores } from '../../core/tools';
import type { StoreSession } from '../connection';

/** The active connection's stores as the tools take them (writers on a tracking server only). */
export async function toolStoresOf(session: StoreSession): Promise<ToolStores> {
  const stores = await session.stores();
  return {
    tracking: stores.tracking,
    registry: stores.registry,
    traces: () => session.traces(),
    trackingWriter: stores.rest?.tracking,
    registryWriter: stores.rest?.registry,
  };
}

/**
 * One core MLflow tool as a language model tool of the editor's chat. Reads run at once; a write
 * names what will change in `prepareInvocation`'s confirmation, so VS Code asks the user first.
 * Failures (a bad filter, an unknown run, no connection) come back as text the model can act
 * on; only cancellation is thrown.
 */
export class MlflowLanguageModelTool implements vscode.LanguageModelTool<ToolInput> {
  constructor(
    readonly tool: MlflowTool,
    private readonly session: StoreSession,
    /** Called after a write succeeded, so the views show it. */
    private readonly afterWrite: (tool: MlflowTool) => void,
  ) {}

  prepareInvocation(
    options: vscode.LanguageModelToolInvocationPrepareOptions<ToolInput>,
  ): vscode.PreparedToolInvocation {
    const invocationMessage = `${this.tool.title}…`;
    if (!this.tool.writes || this.tool.describeChange === undefined) {
      return { invocationMessage };
    }
    // A change description that cannot be made (bad input) is an error VS Code shows instead of asking.
    const change = this.tool.describeChange(options.input);
    const state = this.session.state;
    const where = state.status === 'ready' ? ` on ${redactUri(state.uri)}` : '';
    return {
      invocationMessage,
      confirmationMessages: {
        title: this.tool.title,
        // A plain string: VS Code shows it as text, so a hostile name cannot become Markdown.
        message: `${change} This changes the MLflow tracking server${where}.`,
      },
    };
  }

  async invoke(
    options: vscode.LanguageModelToolInvocationOptions<ToolInput>,
    token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelToolResult> {
    let text: string;
    try {
      const stores = await toolStoresOf(this.session);
      text = await this.tool.run(options.input, { stores, signal: toAbortSignal(token) });
      if (this.tool.writes) {
        this.afterWrite(this.tool);
      }
    } catch (err) {
      if (token.isCancellationRequested) {
        throw new vscode.CancellationError();
      }
      text = toolErrorText(this.tool.name, err);
    }
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
  }
}
