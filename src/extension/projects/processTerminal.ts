import * as vscode from 'vscode';
import type { CliInvocation } from '../../core/cli/cliInvocation';
import { LongRunningProcess } from '../shared/process/processRunner';

/** Ctrl+C as a terminal sends it. */
const INTERRUPT = '\x03';

/** A terminal expects CRLF; a child process writes LF. */
function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * A VS Code terminal that shows one child process's output live, fed by us (a Pseudoterminal)
 * rather than a shell, so no command line is ever typed into a shell and we see every byte.
 * Ctrl+C or closing the terminal stops the whole process tree; once the process has ended, any
 * key closes the terminal.
 */
export class ProcessTerminal implements vscode.Disposable {
  readonly terminal: vscode.Terminal;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  private readonly process: LongRunningProcess;
  /** Output that arrived before VS Code opened the terminal. */
  private buffered: string[] | undefined = [];
  private stoppedByUser = false;

  constructor(
    name: string,
    inv: CliInvocation,
    opts: { readonly cwd?: string; readonly banner: string; readonly onOutput: (text: string) => void },
  ) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      onDidClose: this.closeEmitter.event,
      open: () => {
        const pending = this.buffered ?? [];
        this.buffered = undefined;
        for (const text of pending) {
          this.writeEmitter.fire(text);
        }
      },
      close: () => {
        this.stop();
      },
      handleInput: (data) => {
        if (!this.process.running) {
          this.closeEmitter.fire();
        } else if (data === INTERRUPT) {
          this.write('^C\n');
          this.stop();
        }
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('run') });
    this.write(`${opts.banner}\n`);
    this.process = new LongRunningProcess(inv, {
      cwd: opts.cwd,
      onOutput: (text) => {
        this.write(text);
        opts.onOutput(text);
      },
    });
    this.process.onDidExit((code) => {
      const how = this.stoppedByUser ? 'stopped' : `exited with code ${String(code)}`;
      this.write(`\n[mlflow run ${how}. Press any key to close this terminal.]\n`);
    });
  }

  /** Fires with the exit code (null when ended by a signal) once the process has ended. */
  get onDidExit(): vscode.Event<number | null> {
    return this.process.onDidExit;
  }

  get running(): boolean {
    return this.process.running;
  }

  get exitCode(): number | null | undefined {
    return this.process.exitCode;
  }

  /** Set when the process could not be started at all (no such interpreter). */
  get spawnError(): string | undefined {
    return this.process.spawnError;
  }

  /** Whether the user ended the run (Ctrl+C, closing the terminal, or {@link stop}). */
  get stopped(): boolean {
    return this.stoppedByUser;
  }

  stop(): void {
    if (this.process.running) {
      this.stoppedByUser = true;
      void this.process.stop();
    }
  }

  private write(text: string): void {
    const out = toTerminalText(text);
    if (this.buffered) {
      this.buffered.push(out);
    } else {
      this.writeEmitter.fire(out);
    }
  }

  dispose(): void {
    this.process.dispose();
    this.terminal.dispose();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
