import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cycles, folderGraph, roomRuleBreaks } from '../support/imports/folderGraph';

const ROOT = path.resolve(__dirname, '../..');

describe('import graph between folders', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    assert.deepEqual(
      cycles([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
        { from: 'c', to: 'd' },
      ]),
      [['a', 'b', 'c']],
    );
    assert.deepEqual(
      cycles([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ]),
      [],
    );
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

  describe('src/extension is organised by feature (README "Architecture")', () => {
    const edges = folderGraph(path.join(ROOT, 'src', 'extension'));

    it('has no import cycle between its folders', () => {
      assert.ok(
        edges.some((e) => e.from === 'serving' && e.to === 'connection'),
        'the graph should hold the real imports',
      );
      assert.deepEqual(cycles(edges), []);
    });

    it('shared/ imports no feature; a feature imports another only through its index.ts, and nothing imports the composition root', () => {
      assert.deepEqual(roomRuleBreaks(edges, 'shared'), []);
    });

    it('the room rule catches each kind of break (the check can fail)', () => {
      assert.deepEqual(
        roomRuleBreaks(
          [
            {
              from: 'serving',
              to: 'explorer',
              imports: ['serving/a.ts -> explorer/explorerNode', 'serving/b.ts -> explorer'],
            },
            { from: 'shared', to: 'connection', imports: ['shared/x.ts -> connection'] },
            { from: 'explorer', to: '(root)', imports: ['explorer/y.ts -> extension'] },
            { from: '(root)', to: 'serving', imports: ['extension.ts -> serving/index'] },
            { from: 'compare', to: 'shared', imports: ['compare/z.ts -> shared/errors/reportFailure'] },
          ],
          'shared',
        ),
        [
          'serving/a.ts -> explorer/explorerNode: into another feature past its index.ts',
          'shared/x.ts -> connection: shared/ imports a feature',
          'explorer/y.ts -> extension: a feature imports the composition root',
        ],
      );
    });
  });
});
