/**
 * A command line as data: the executable, its arguments as an array (never a shell string), and
 * environment variables to add. src/core builds these; src/extension runs them (DESIGN.md).
 * Secrets such as tracking credentials travel only in `env`, never in `args`, so they never show
 * up in a process list or a log of the command line.
 */
export interface CliInvocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** How the extension shows a command line to the user: quoted where needed, no environment. */
export function displayCommand(inv: CliInvocation): string {
  return [inv.command, ...inv.args].map(shellQuoteForDisplay).join(' ');
}

function shellQuoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
