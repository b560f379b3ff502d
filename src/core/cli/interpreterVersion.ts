import type { CliInvocation } from './cliInvocation';
import { buildPythonVersionCommand, parsePythonVersion } from './pythonVersion';

/** How {@link InterpreterVersion} finds and asks the interpreter; the extension backs these. */
export interface InterpreterVersionDeps {
  /** The selected interpreter's path, or undefined when none may or can be asked. */
  readonly findPython: () => Promise<string | undefined>;
  /** Run a short command to completion (never through a shell). */
  readonly run: (
    invocation: CliInvocation,
  ) => Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>;
  readonly log?: (message: string) => void;
}

/**
 * The selected interpreter's Python version, asked once and cached, for the MLmodel
 * `python_version` hint. Spawning an interpreter is slow, so callers read {@link current}
 * synchronously and {@link get} starts (or joins) the one lookup; {@link reset} forgets the
 * answer when the interpreter may have changed, and a lookup started before a reset is dropped.
 */
export class InterpreterVersion {
  private pending: Promise<string | undefined> | undefined;
  private value: string | undefined;
  private generation = 0;

  constructor(private readonly deps: InterpreterVersionDeps) {}

  /** The version found by the last finished lookup, if any. */
  get current(): string | undefined {
    return this.value;
  }

  /** The version, looking it up on the first call after construction or a reset. Never rejects. */
  get(): Promise<string | undefined> {
    if (this.pending === undefined) {
      const generation = this.generation;
      this.pending = this.lookUp().then((version) => {
        if (generation === this.generation) {
          this.value = version;
        }
        return generation === this.generation ? version : this.value;
      });
    }
    return this.pending;
  }

  /** Forget the version; the next {@link get} asks the (possibly different) interpreter again. */
  reset(): void {
    this.generation++;
    this.pending = undefined;
    this.value = undefined;
  }

  private async lookUp(): Promise<string | undefined> {
    try {
      const python = await this.deps.findPython();
      if (python === undefined) {
        return undefined;
      }
      const result = await this.deps.run(buildPythonVersionCommand(python));
      const version =
        result.code === 0 ? parsePythonVersion(`${result.stdout}\n${result.stderr}`) : undefined;
      this.deps.log?.(
        version === undefined
          ? `${python} --version gave no Python version.`
          : `Selected interpreter ${python} is Python ${version}.`,
      );
      return version;
    } catch (err: unknown) {
      this.deps.log?.(
        `No interpreter version for the python_version hint: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }
}
