// Keeps package.json honest (after the PR extension's scripts/check-commands.js): every contributed
// command is either registered by this build or hidden from the palette with `when: false`; every
// %key% has a text in package.nls.json; menus name real commands; activation never uses "*".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IMPLEMENTED_COMMANDS } from '../src/extension/shared/commandIds/implementedCommands';

interface Manifest {
  readonly engines?: { readonly vscode?: string };
  readonly activationEvents?: readonly string[];
  readonly contributes?: {
    readonly commands?: readonly { readonly command: string; readonly title: string }[];
    readonly menus?: Record<string, readonly { readonly command?: string; readonly when?: string }[]>;
  };
}

export function checkContributions(
  manifestText: string,
  nls: Record<string, string>,
  implemented: readonly string[],
): string[] {
  const pkg = JSON.parse(manifestText) as Manifest;
  const problems: string[] = [];
  const contributed = (pkg.contributes?.commands ?? []).map((c) => c.command);
  const hidden = new Set(
    (pkg.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
  );
  for (const id of contributed) {
    if (!/^mlflow\.[a-z]+\.[a-zA-Z]+$/.test(id)) {
      problems.push(`command id ${id} is not of the form mlflow.<area>.<verb>`);
    }
    if (!implemented.includes(id) && !hidden.has(id)) {
      problems.push(`${id} has no handler yet but is not hidden from the palette (when: false)`);
    }
    // A command that needs a tree node is hidden from the palette but must be reachable from a view.
    const inViews = [
      ...(pkg.contributes?.menus?.['view/item/context'] ?? []),
      ...(pkg.contributes?.menus?.['view/title'] ?? []),
    ].some((m) => m.command === id);
    if (implemented.includes(id) && hidden.has(id) && !inViews) {
      problems.push(`${id} is implemented but hidden from the palette and from every view menu`);
    }
  }
  for (const id of implemented) {
    if (!contributed.includes(id)) {
      problems.push(`${id} is registered but not contributed in package.json`);
    }
  }
  for (const [menu, items] of Object.entries(pkg.contributes?.menus ?? {})) {
    for (const item of items) {
      if (item.command && !contributed.includes(item.command)) {
        problems.push(`menu ${menu} names unknown command ${item.command}`);
      }
    }
  }
  for (const m of manifestText.matchAll(/"%([^%"]+)%"/g)) {
    const key = m[1] ?? '';
    if (!(key in nls)) {
      problems.push(`package.nls.json has no text for %${key}%`);
    }
  }
  const events = pkg.activationEvents ?? [];
  if (events.includes('*') || events.includes('onStartupFinished')) {
    problems.push('activation must happen on real triggers, not "*" or onStartupFinished');
  }
  const engine = pkg.engines?.vscode ?? '';
  const [major = 0, minor = 0] = (/\^?(\d+)\.(\d+)/.exec(engine) ?? []).slice(1).map(Number);
  // The test workbench must be able to install what we package, and the MCP server definition
  // provider API is VS Code 1.101's.
  if (major !== 1 || minor > 103 || minor < 101) {
    problems.push(
      `engines.vscode ${engine} must be between ^1.101.0 (the MCP server definition API) and ^1.103.0 (code-server 4.103.2 is VS Code 1.103.2)`,
    );
  }
  return problems;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const problems = checkContributions(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
    JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>,
    IMPLEMENTED_COMMANDS,
  );
  for (const p of problems) {
    console.error(`contributions: ${p}`);
  }
  console.log(problems.length === 0 ? 'contributions: ok' : `contributions: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
