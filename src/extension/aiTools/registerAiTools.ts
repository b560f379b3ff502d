import * as vscode from 'vscode';
import { MLFLOW_TOOLS } from '../../core/tools';
import type { StoreSession } from '../connection';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { MlflowLanguageModelTool } from './mlflowLanguageModelTool';

/** The registered tools by name (what in-host tests call prepareInvocation on). */
export type AiTools = ReadonlyMap<string, MlflowLanguageModelTool>;

/**
 * Register every MLflow tool (src/core/tools) as a language model tool over the active connection,
 * so the editor's chat can search experiments and runs, compare them and read traces. Names and
 * schemas are declared in package.json (`contributes.languageModelTools`); a unit test keeps the
 * two equal. A host without the API (older than 1.95) gets none, and says so in the log.
 */
export function registerAiTools(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): AiTools {
  const tools = new Map<string, MlflowLanguageModelTool>();
  if (typeof (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerTool !== 'function') {
    log.info('This VS Code has no language model tools API; the MLflow chat tools are off.');
    return tools;
  }
  const afterWrite = (): void => {
    // An alias or tag changed on the server: the views re-read it.
    void vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshModels);
    void vscode.commands.executeCommand(EXPLORER_COMMANDS.refreshExperiments);
  };
  for (const tool of MLFLOW_TOOLS) {
    const lmTool = new MlflowLanguageModelTool(tool, session, afterWrite);
    tools.set(tool.name, lmTool);
    context.subscriptions.push(vscode.lm.registerTool(tool.name, lmTool));
  }
  return tools;
}
