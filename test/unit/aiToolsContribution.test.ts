import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MLFLOW_TOOLS } from '../../src/core/tools';

interface DeclaredTool {
  readonly name: string;
  readonly toolReferenceName: string;
  readonly displayName: string;
  readonly modelDescription: string;
  readonly inputSchema: unknown;
  readonly tags: readonly string[];
}

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: DeclaredTool[] };
};
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;

describe('contributes.languageModelTools declares the core tools exactly', () => {
  const declared = pkg.contributes.languageModelTools;

  it('one declaration per core tool, in the same order', () => {
    assert.deepEqual(
      declared.map((d) => d.name),
      MLFLOW_TOOLS.map((t) => t.name),
    );
  });

  for (const tool of MLFLOW_TOOLS) {
    it(`${tool.name}: the model description and schema VS Code sends are the core ones`, () => {
      const d = declared.find((x) => x.name === tool.name);
      assert.ok(d);
      assert.equal(d.modelDescription, tool.description);
      assert.deepEqual(d.inputSchema, tool.inputSchema);
      assert.equal(d.toolReferenceName, tool.name);
      assert.equal(nls[d.displayName.slice(1, -1)], tool.title);
      assert.equal(d.tags.includes('mlflow-write'), tool.writes);
    });
  }
});
