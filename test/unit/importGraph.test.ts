import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cycles, folderGraph } from '../support/imports/folderGraph';

const ROOT = path.resolve(__dirname, '../..');

describe('import graph between folders', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    assert.deepEqual(cycles([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }, { from: 'c', to: 'd' }]), [['a', 'b', 'c']]);
    assert.deepEqual(cycles([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]), []);
  });

  it('src/core has no import cycle between its folders', () => {
    const edges = folderGraph(path.join(ROOT, 'src', 'core'));
    assert.ok(edges.length > 10, 'the graph should hold the real imports');
    const found = cycles(edges);
    const detail = found.map((group) =>
      edges
        .filter((e) => group.includes(e.from) && group.includes(e.to))
        .map((e) => `${e.from} -> ${e.to}: ${e.imports.join(', ')}`)
        .join('\n'),
    );
    assert.deepEqual(found, [], detail.join('\n\n'));
  });
});
