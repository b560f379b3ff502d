import * as vscode from 'vscode';
import { StoreError } from '../../core/common/storeError';
import { listPrompts, listPromptVersions } from '../../core/prompts/promptReader';
import { versionDetails } from '../../core/prompts/versionDetails';
import type { StoreSession } from '../connection';
import type { PromptNode, PromptNodeOf } from './promptNode';
import { promptTreeItem } from './promptTreeItem';

/** Superseded loads a request follows to the newest at most (each one a user action). */
const MAX_SUPERSEDED_RETRIES = 5;

/**
 * The Prompts view: MLflow's prompt registry, prompts → versions (newest first, with their
 * aliases) → each version's type, commit message, variables, model config and response format.
 * The same searches MLflow's client sends read REST servers, `mlflow.db` and `mlruns` alike.
 */
export class PromptsTreeProvider implements vscode.TreeDataProvider<PromptNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PromptNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, PromptNode>();
  private readonly subscription: vscode.Disposable;
  private gen = 0;
  private controller = new AbortController();

  constructor(private readonly session: StoreSession) {
    this.subscription = session.onDidChange(() => {
      this.refresh();
    });
  }

  /** Reload from the top, cancelling the loads in flight (their answers are never shown). */
  refresh(): void {
    this.gen++;
    this.controller.abort();
    this.controller = new AbortController();
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  getParent(node: PromptNode): PromptNode | undefined {
    return 'parentId' in node && node.parentId !== undefined ? this.nodes.get(node.parentId) : undefined;
  }

  async getChildren(node?: PromptNode): Promise<PromptNode[]> {
    for (let attempt = 0; ; attempt++) {
      const generation = this.gen;
      const children = await this.load(node, this.controller.signal);
      if (generation === this.gen || attempt >= MAX_SUPERSEDED_RETRIES) {
        children.forEach((c) => this.nodes.set(c.id, c));
        return children;
      }
    }
  }

  getTreeItem(node: PromptNode): vscode.TreeItem {
    return promptTreeItem(node);
  }

  private async load(node: PromptNode | undefined, signal: AbortSignal): Promise<PromptNode[]> {
    if (node === undefined && this.session.state.status !== 'ready') {
      return [];
    }
    if (node?.kind === 'promptVersion') {
      return versionDetails(node.version).map((detail) => ({
        kind: 'promptDetail',
        id: `${node.id}/${detail.key}`,
        detail,
        parentId: node.id,
      }));
    }
    if (node !== undefined && node.kind !== 'prompt') {
      return [];
    }
    try {
      const { registry } = await this.session.stores();
      return node === undefined
        ? await this.prompts(registry, signal)
        : await this.versions(node, registry, signal);
    } catch (err) {
      return [errorNode(node?.id, err)];
    }
  }

  private async prompts(
    registry: Parameters<typeof listPrompts>[0],
    signal: AbortSignal,
  ): Promise<PromptNode[]> {
    const prompts = await listPrompts(registry, signal);
    if (prompts.length === 0) {
      return [
        infoNode(
          undefined,
          'No prompts',
          'Prompts registered with mlflow.genai.register_prompt appear here.',
        ),
      ];
    }
    return prompts.map((prompt) => ({ kind: 'prompt', id: `prompt:${prompt.name}`, prompt }));
  }

  private async versions(
    node: PromptNodeOf<'prompt'>,
    registry: Parameters<typeof listPrompts>[0],
    signal: AbortSignal,
  ): Promise<PromptNode[]> {
    const versions = await listPromptVersions(registry, node.prompt, signal);
    if (versions.length === 0) {
      return [infoNode(node.id, 'No versions', '')];
    }
    return versions.map((version) => ({
      kind: 'promptVersion',
      id: `${node.id}/v${version.version}`,
      prompt: node.prompt,
      version,
      parentId: node.id,
    }));
  }

  dispose(): void {
    this.controller.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function infoNode(parentId: string | undefined, text: string, detail: string): PromptNode {
  return {
    kind: 'promptMessage',
    id: `${parentId ?? 'prompts'}/message`,
    text,
    detail,
    severity: 'info',
    parentId,
  };
}

function errorNode(parentId: string | undefined, err: unknown): PromptNode {
  const detail = err instanceof Error ? err.message : String(err);
  // A server that has no prompt registry (before MLflow 2.21) answers the search with nothing.
  const text = StoreError.is(err, 'cancelled') ? 'Cancelled' : 'Could not load prompts';
  return {
    kind: 'promptMessage',
    id: `${parentId ?? 'prompts'}/error`,
    text,
    detail,
    severity: 'error',
    parentId,
  };
}
