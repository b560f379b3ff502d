import * as assert from 'node:assert/strict';
import { runsToCsv } from '../../../../src/core/runsTable/runsCsv';
import { columnOffsets, columnWindow, rowWindow } from '../../../../src/core/runsTable/virtualWindow';
import { row } from './runsTableRows';

describe('runs table: virtual window math and CSV', () => {
  it('draws only the rows in view plus the overscan', () => {
    assert.deepEqual(rowWindow(0, 220, 22, 10_000, 2), { first: 0, last: 12 });
    assert.deepEqual(rowWindow(22_000, 220, 22, 10_000, 2), { first: 998, last: 1012 });
    assert.deepEqual(rowWindow(1e9, 220, 22, 100, 2), { first: 100, last: 100 });
    assert.deepEqual(rowWindow(0, 220, 22, 0), { first: 0, last: 0 });
  });

  it('draws only the columns in view, of any widths', () => {
    const offsets = columnOffsets([100, 50, 200, 100, 100]);
    assert.deepEqual(offsets, [0, 100, 150, 350, 450, 550]);
    assert.deepEqual(columnWindow(0, 120, offsets, 0), { first: 0, last: 2 });
    assert.deepEqual(columnWindow(160, 100, offsets, 0), { first: 2, last: 3 });
    assert.deepEqual(columnWindow(160, 100, offsets, 1), { first: 1, last: 4 });
    assert.deepEqual(columnWindow(10_000, 100, offsets, 0), { first: 4, last: 5 });
    const many = columnOffsets(Array.from({ length: 3000 }, () => 120));
    const w = columnWindow(120 * 1500, 600, many, 1);
    assert.deepEqual(w, { first: 1499, last: 1506 });
  });

  it('exports the rows shown with full values, guarding formulas and quoting', () => {
    const rows = [
      row('b', { name: '=HYPERLINK("x")', metrics: { acc: 0.123456789 }, params: { note: 'a,b' }, start: 0 }),
      row('a', { name: 'plain', metrics: { acc: -1 } }),
    ];
    const csv = runsToCsv(
      rows,
      [
        { kind: 'attr', attr: 'name' },
        { kind: 'attr', attr: 'start' },
        { kind: 'metric', key: 'acc' },
        { kind: 'param', key: 'note' },
      ],
      () => undefined,
      0,
    );
    assert.equal(
      csv,
      'run_id,Run,Started,acc,note\r\n' +
        `b,"'=HYPERLINK(""x"")",1970-01-01T00:00:00.000Z,0.123456789,"a,b"\r\n` +
        'a,plain,2023-11-14T22:13:20.000Z,-1,\r\n',
    );
  });
});
