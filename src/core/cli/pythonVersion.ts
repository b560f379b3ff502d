import type { CliInvocation } from './cliInvocation';

/** `python --version`: asks an interpreter which Python it is, without running any user code. */
export function buildPythonVersionCommand(python: string): CliInvocation {
  return { command: python, args: ['--version'], env: {} };
}

/**
 * Read `major.minor.patch` out of `python --version`. Python 3.4+ prints "Python 3.11.2" on
 * stdout, older ones on stderr, so callers pass both. Undefined when it is not Python's answer.
 */
export function parsePythonVersion(output: string): string | undefined {
  return /^Python (\d+\.\d+(?:\.\d+)?)/m.exec(output)?.[1];
}
