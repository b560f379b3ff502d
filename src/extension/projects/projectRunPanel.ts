import type * as vscode from 'vscode';
import type { EnvManager } from '../../core/cli/serveCommand';
import type { EntryPoint } from '../../core/mlproject/entryPoints';
import {
  isProjectRunWebviewMessage,
  type ProjectRunHostMessage,
  type ProjectRunInit,
  type ProjectRunRequest,
} from '../../protocol/projectRun';
import { createPanel, showPanelPage } from '../shared/webviews/webviewHtml';

/** What the form shows first. */
export interface ProjectRunFormContent {
  readonly key: string;
  readonly project: string;
  readonly file: string;
  readonly entryPoint: EntryPoint;
  readonly values: Readonly<Record<string, string>>;
  readonly experimentName: string;
  readonly envManager: EnvManager;
}

/** Called with a request the guard accepted; answers with the status the form shows. */
export type SubmitRun = (
  request: Omit<ProjectRunRequest, 'type'>,
  report: (status: Omit<Extract<ProjectRunHostMessage, { type: 'projectRun/status' }>, 'type'>) => void,
) => Promise<void>;

/**
 * The parameter form of one entry point. The webview only edits and checks values as the user
 * types; every message it sends passes the protocol guard here, and the submit callback checks
 * the values again (and the argv builder once more) before anything runs.
 */
export class ProjectRunPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ProjectRunPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  static show(
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    content: ProjectRunFormContent,
    submit: SubmitRun,
  ): ProjectRunPanel {
    const existing = ProjectRunPanel.open.get(content.key);
    if (existing) {
      existing.content = content;
      existing.sendInit();
      existing.panel.reveal();
      return existing;
    }
    const panel = createPanel(
      'projectRun',
      `Run ${content.project} · ${content.entryPoint.name}`,
      extensionUri,
    );
    return new ProjectRunPanel(panel, extensionUri, log, content, submit);
  }

  static disposeAll(): void {
    for (const p of [...ProjectRunPanel.open.values()]) {
      p.dispose();
    }
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private content: ProjectRunFormContent,
    private readonly submit: SubmitRun,
  ) {
    ProjectRunPanel.open.set(content.key, this);
    showPanelPage('projectRun', panel, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        void this.onMessage(m);
      }),
    );
  }

  private sendInit(): void {
    const c = this.content;
    const init: ProjectRunInit = {
      type: 'projectRun/init',
      project: c.project,
      file: c.file,
      entryPoint: c.entryPoint.name,
      parameters: c.entryPoint.parameters,
      values: c.values,
      experimentName: c.experimentName,
      envManager: c.envManager,
    };
    this.post(init);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isProjectRunWebviewMessage(message)) {
      this.log.warn('Ignored an unexpected message from a project run form.');
      return;
    }
    if (message.type === 'ready') {
      this.sendInit();
      return;
    }
    await this.submit(
      { values: message.values, experimentName: message.experimentName, envManager: message.envManager },
      (status) => {
        this.post({ type: 'projectRun/status', ...status });
      },
    );
  }

  private post(message: ProjectRunHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (ProjectRunPanel.open.get(this.content.key) === this) {
      ProjectRunPanel.open.delete(this.content.key);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
    this.disposables.length = 0;
    this.panel.dispose();
  }
}
