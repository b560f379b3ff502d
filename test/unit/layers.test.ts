import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) {
    return [];
  }
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(abs, f));
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('layer rule (DESIGN.md: only src/extension imports vscode)', () => {
  it('no file in src/core, src/mcp, src/protocol or webview imports vscode', () => {
    const offenders = [
      ...tsFiles('src/core'),
      ...tsFiles('src/mcp'),
      ...tsFiles('src/protocol'),
      ...tsFiles('webview'),
    ]
      .filter((f) => importsOf(f).includes('vscode'))
      .map((f) => path.relative(ROOT, f));
    assert.deepEqual(offenders, []);
    assert.ok(tsFiles('src/core').length > 0, 'src/core should hold code for this check to mean anything');
  });

  it('src/core spawns no processes and reaches for no upper layer', () => {
    const offenders = tsFiles('src/core').flatMap((f) =>
      importsOf(f)
        .filter((i) => /child_process|\/extension\/|\/protocol\/|\/webview\//.test(i))
        .map((i) => `${path.relative(ROOT, f)} -> ${i}`),
    );
    assert.deepEqual(offenders, []);
  });

  describe('ESLint enforces it', function () {
    this.timeout(120000);
    // Probe files are written into the real folders so the real config (type-aware) lints them.
    const probes: string[] = [];
    after(() => {
      for (const p of probes) {
        fs.rmSync(p, { force: true });
      }
    });

    async function lintProbe(rel: string, text: string): Promise<string[]> {
      const file = path.join(ROOT, rel);
      probes.push(file);
      fs.writeFileSync(file, text);
      const eslint = new ESLint({ cwd: ROOT });
      const [result] = await eslint.lintFiles([file]);
      return (result?.messages ?? [])
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => m.message);
    }

    it('rejects `vscode` in src/core', async () => {
      const msgs = await lintProbe(
        'src/core/zz-layer-probe.ts',
        "import * as vscode from 'vscode';\nexport const v: string = vscode.version;\n",
      );
      assert.equal(msgs.length, 1, JSON.stringify(msgs));
      assert.match(msgs[0] ?? '', /Only src\/extension\/ may import vscode/);
    });

    it('rejects `vscode` in src/protocol and child_process in src/core', async () => {
      const protocol = await lintProbe(
        'src/protocol/zz-layer-probe.ts',
        "import type * as vscode from 'vscode';\nexport type U = vscode.Uri;\n",
      );
      assert.equal(protocol.length, 1, JSON.stringify(protocol));
      const spawn = await lintProbe(
        'src/core/zz-spawn-probe.ts',
        "import { spawn } from 'node:child_process';\nexport const s: unknown = spawn;\n",
      );
      assert.equal(spawn.length, 1, JSON.stringify(spawn));
    });

    it('rejects a feature reaching into another feature past its index.ts, and shared/ importing a feature', async () => {
      const inner = await lintProbe(
        'src/extension/serving/zz-room-probe.ts',
        "import { nodeOf } from '../explorer/explorerNode';\nexport const n: unknown = nodeOf;\n",
      );
      assert.equal(inner.length, 1, JSON.stringify(inner));
      assert.match(inner[0] ?? '', /through its index\.ts/);
      const viaIndex = await lintProbe(
        'src/extension/compare/zz-room-probe.ts',
        "import { nodeOf } from '../explorer';\nimport { reportFailure } from '../shared/errors/reportFailure';\nexport const n: unknown = [nodeOf, reportFailure];\n",
      );
      assert.deepEqual(viaIndex, []);
      const shared = await lintProbe(
        'src/extension/shared/errors/zz-room-probe.ts',
        "import { ServeManager } from '../../serving';\nexport const s: unknown = ServeManager;\n",
      );
      assert.equal(shared.length, 1, JSON.stringify(shared));
    });

    it('rejects vscode.commands.registerCommand outside the one error-reporting path', async () => {
      const file = path.join(ROOT, 'src/extension/help/zz-register-probe.ts');
      probes.push(file);
      fs.writeFileSync(
        file,
        "import * as vscode from 'vscode';\nexport const d: vscode.Disposable = vscode.commands.registerCommand('x', () => undefined);\n",
      );
      const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
      const msgs = (result?.messages ?? [])
        .filter((m) => m.ruleId === 'no-restricted-syntax')
        .map((m) => m.message);
      assert.equal(msgs.length, 1, JSON.stringify(msgs));
      assert.match(msgs[0] ?? '', /registerReported/);
    });

    it('rejects src/extension from the webview and lets src/extension import vscode', async () => {
      const web = await lintProbe(
        'webview/zz-layer-probe.ts',
        "import { COMMANDS } from '../src/extension/shared/commandIds';\nexport const c: unknown = COMMANDS;\n",
      );
      assert.equal(web.length, 1, JSON.stringify(web));
      const ext = await lintProbe(
        'src/extension/zz-layer-probe.ts',
        "import * as vscode from 'vscode';\nexport const v: string = vscode.version;\n",
      );
      assert.deepEqual(ext, []);
    });

    it('rejects a file over 400 lines, a function over 100 and complexity over 20, in src and webview', async () => {
      // 21 independent `if`s: complexity 22. 105 statements: a function of 108 lines. 101
      // functions of 4 counted lines each: a file over 400 (blank lines and comments do not count).
      const branches = Array.from(
        { length: 21 },
        (_, i) => `  if (n === ${String(i)}) {\n    return ${String(i)};\n  }`,
      );
      const complex = `export function complex(n: number): number {\n${branches.join('\n')}\n  return -1;\n}\n`;
      const statements = Array.from({ length: 105 }, (_, i) => `  total += ${String(i)};`);
      const long = `export function long(): number {\n  let total = 0;\n${statements.join('\n')}\n  return total;\n}\n`;
      const many = Array.from(
        { length: 101 },
        (_, i) =>
          `// why\n\nexport function f${String(i)}(): number {\n  const v = ${String(i)};\n  return v;\n}\n`,
      ).join('\n');
      const limits = new Set(['max-lines', 'max-lines-per-function', 'complexity']);
      for (const [dir, text, rule] of [
        ['src/core', complex, 'complexity'],
        ['webview', complex, 'complexity'],
        ['src/extension/help', long, 'max-lines-per-function'],
        ['src/protocol', many, 'max-lines'],
      ] as const) {
        const file = path.join(ROOT, dir, 'zz-size-probe.ts');
        probes.push(file);
        fs.writeFileSync(file, text);
        const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
        const fired = (result?.messages ?? []).filter((m) => m.ruleId !== null && limits.has(m.ruleId));
        assert.deepEqual(
          fired.map((m) => m.ruleId),
          [rule],
          `${dir}: ${JSON.stringify(result?.messages.map((m) => m.message))}`,
        );
      }
    });
  });
});
