import type * as vscode from 'vscode';
import type { EnvManager } from '../../core/cli/serveCommand';
import type { EntryPoint } from '../../core/mlproject/entryPoints';
import type {
  ProjectRunHostMessage,
  ProjectRunInit,
  ProjectRunRequest,
  ProjectRunWebviewMessage,
} from '../../protocol/projectRun';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

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

/** Forms by the content's key: asking for an entry point's form again reveals the open one. */
const forms = new PanelHost<'projectRun', string, ProjectRunPanel>({
  kind: 'projectRun',
  what: 'a project run form',
});

/**
 * The parameter form of one entry point. The webview only edits and checks values as the user
 * types; every message it sends passes the protocol guard here, and the submit callback checks
 * the values again (and the argv builder once more) before anything runs.
 */
export class ProjectRunPanel implements vscode.Disposable {
  static show(
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    content: ProjectRunFormContent,
    submit: SubmitRun,
  ): ProjectRunPanel {
    return forms.show(
      content.key,
      `Run ${content.project} · ${content.entryPoint.name}`,
      { extensionUri, log },
      (hosted) => new ProjectRunPanel(hosted, content, submit),
      (existing) => {
        existing.content = content;
        existing.sendInit();
      },
    );
  }

  static disposeAll(): void {
    forms.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'projectRun'>,
    private content: ProjectRunFormContent,
    private readonly submit: SubmitRun,
  ) {}

  /** The VS Code panel the form is shown in. */
  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
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

  /** A message the guard accepted: the form is ready, or asks to run. */
  async onMessage(message: ProjectRunWebviewMessage): Promise<void> {
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
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}
