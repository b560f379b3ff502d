import * as vscode from 'vscode';
import { MAX_COMPARED_RUNS } from '../../protocol/compareRuns';

const KEY = 'mlflow.comparisonBasket';

/**
 * The runs the user set aside with "Add to Comparison". Kept in workspace state so that it
 * survives a window reload; the `mlflow.comparisonCount` context key drives menus and the palette.
 */
export class ComparisonBasket implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    void this.publish();
  }

  get runIds(): readonly string[] {
    const v = this.state.get<unknown>(KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  /** Add runs (duplicates ignored); returns how many are in the basket now. */
  async add(runIds: readonly string[]): Promise<number> {
    const next = [...new Set([...this.runIds, ...runIds])].slice(0, MAX_COMPARED_RUNS);
    await this.state.update(KEY, next);
    await this.publish();
    return next.length;
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, []);
    await this.publish();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'mlflow.comparisonCount', this.runIds.length);
    this.changed.fire(this.runIds);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
