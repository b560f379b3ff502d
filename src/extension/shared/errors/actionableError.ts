/**
 * A failure that comes with what the user can do about it ("Show Logs", "Open Setting"): the
 * command's error report shows the actions as buttons on the error message and runs the one
 * picked. Anything else thrown is shown as its message alone.
 */
export interface ErrorAction {
  readonly title: string;
  readonly run: () => unknown;
}

export class ActionableError extends Error {
  constructor(
    message: string,
    readonly actions: readonly ErrorAction[],
  ) {
    super(message);
  }

  static is(e: unknown): e is ActionableError {
    return e instanceof ActionableError;
  }
}
