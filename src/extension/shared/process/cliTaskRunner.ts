import * as vscode from 'vscode';
import { displayCommand, type CliInvocation } from '../../../core/cli/cliInvocation';
import { diagnoseCliFailure } from '../../../core/cli/diagnoseCliFailure';
import { LongRunningProcess } from './processRunner';

/**
 * Runs one-shot `mlflow` commands (predict, generate-dockerfile, build-docker) with a cancellable
 * progress notification, streaming their output live to the "MLflow CLI" channel. A failure is
 * thrown as one clear sentence (see diagnoseCliFailure); the full log stays in the channel.
 */
export class CliTaskRunner implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('MLflow CLI');

  async run(title: string, inv: CliInvocation, cwd: string | undefined): Promise<string> {
    this.output.appendLine(`\n$ ${displayCommand(inv)}`);
    let text = '';
    const proc = new LongRunningProcess(inv, {
      cwd,
      onOutput: (t) => {
        text += t;
        this.output.append(t);
      },
    });
    const code = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_p, token) =>
        new Promise<number | null | 'cancelled'>((resolve) => {
          token.onCancellationRequested(() => {
            void proc.stop().then(() => {
              resolve('cancelled');
            });
          });
          proc.onDidExit((c) => {
            resolve(c);
          });
          // it may already have ended before this callback ran
          if (!proc.running) {
            resolve(proc.exitCode ?? null);
          }
        }),
    );
    proc.dispose();
    if (code === 'cancelled') {
      this.output.appendLine('[cancelled]');
      throw new Error(`${title.replace(/…$/, '')} was cancelled.`);
    }
    if (code !== 0) {
      this.output.appendLine(`[exit code ${String(code)}]`);
      throw new Error(proc.spawnError ?? diagnoseCliFailure(text).message);
    }
    return text;
  }

  dispose(): void {
    this.output.dispose();
  }
}
