import * as assert from 'node:assert/strict';
import { buildCompareTable, type CompareTable } from '../../../../src/core/compare/compareTable';
import { csvField, tableToCsv } from '../../../../src/core/compare/tableCsv';

describe('compare table as CSV', () => {
  const table: CompareTable = {
    runIds: ['r1', 'r2'],
    rows: [
      {
        section: 'params',
        key: 'note',
        label: 'note',
        cells: [{ text: 'a, "b"' }, { text: 'line\r\nbreak' }],
        differs: true,
      },
      {
        section: 'metrics',
        key: 'loss',
        label: 'loss',
        cells: [{ text: '-0.5', value: -0.5 }, undefined],
        differs: true,
      },
      {
        section: 'tags',
        key: '=cmd|calc',
        label: '=cmd|calc',
        cells: [{ text: '+SUM(A1)' }, { text: '@evil' }],
        differs: true,
      },
    ],
  };

  it('writes the header and one CRLF-terminated line per row, empty where a run lacks the key', () => {
    assert.equal(
      tableToCsv(table, ['first run', 'second']),
      'section,key,first run,second\r\nparams,note,"a, ""b""","line\r\nbreak"\r\nmetrics,loss,-0.5,\r\ntags,\'=cmd|calc,\'+SUM(A1),\'@evil\r\n',
    );
  });

  it('quotes per RFC 4180: commas, quotes and line breaks inside a field', () => {
    const csv = tableToCsv(table, ['a', 'b']);
    assert.ok(csv.includes('params,note,"a, ""b""","line\r\nbreak"\r\n'));
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
  });

  it('neutralises formulas in any field, run names included, but leaves negative numbers as numbers', () => {
    const csv = tableToCsv(table, ['=HYPERLINK("http://x","y")', '-2']);
    assert.ok(csv.startsWith('section,key,"\'=HYPERLINK(""http://x"",""y"")",-2\r\n'));
    assert.ok(csv.includes("tags,'=cmd|calc,'+SUM(A1),'@evil\r\n"));
    assert.deepEqual(
      ['-0.5', '-1e-3', '-12', '-Infinity', '-cmd', '\tx', '\rx', '=1+1', '@a', '+1'].map(csvField),
      ['-0.5', '-1e-3', '-12', "'-Infinity", "'-cmd", "'\tx", '"\'\rx"', "'=1+1", "'@a", "'+1"],
    );
  });

  it('exports a built table with run ids where names are missing', () => {
    const t = buildCompareTable([
      {
        info: {
          runId: 'abc',
          runName: 'x',
          experimentId: '1',
          userId: undefined,
          status: 'FINISHED',
          startTime: undefined,
          endTime: undefined,
          artifactUri: undefined,
          lifecycleStage: 'active',
        },
        data: { metrics: [{ key: 'loss', value: 1, timestamp: 0, step: 0 }], params: [], tags: [] },
        inputs: { datasetInputs: [], modelInputs: [] },
        outputs: { modelOutputs: [] },
      },
    ]);
    const csv = tableToCsv(t, []);
    assert.ok(csv.startsWith('section,key,abc\r\n'));
    assert.ok(csv.includes('metrics,loss,1\r\n'));
  });
});
