import * as assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/tracking/entities/run';
import { StoreError } from '../../../../src/core/common/storeError';
import { describeStoreError } from '../../../../src/core/explorer/describeStoreError';
import { interpretResponse } from '../../../../src/core/tracking/rest/interpretResponse';
import { toStoreError } from '../../../../src/core/tracking/rest/toStoreError';
import { displayText } from '../../../../src/core/explorer/displayText';
import {
  loggedModelHistory,
  registryModelUri,
  runsModelUri,
} from '../../../../src/core/explorer/loggedModelHistory';
import { parseRun } from '../../../../src/core/tracking/entities/run';
import { loadExchange } from '../../../support/mlflow/recordedExchange';
import {
  formatDuration,
  formatMetric,
  formatTimestamp,
  runDescription,
  runLabel,
  runTooltipLines,
  statusLook,
} from '../../../../src/core/explorer/runSummary';

function run(over: Partial<Run['info']>, tags: Run['data']['tags'] = []): Run {
  return {
    info: {
      runId: '0123456789abcdef',
      runName: undefined,
      experimentId: '1',
      userId: 'ana',
      status: 'FINISHED',
      startTime: Date.UTC(2026, 0, 2, 3, 4),
      endTime: Date.UTC(2026, 0, 2, 3, 6, 5),
      artifactUri: undefined,
      lifecycleStage: 'active',
      ...over,
    },
    data: { metrics: [{ key: 'loss', value: Number.NaN, timestamp: 1, step: 0 }], params: [], tags },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

describe('run presentation in the tree', () => {
  it('gives each status its codicon, spinning only while running', () => {
    assert.deepEqual(
      ['RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'SCHEDULED', 'ODD'].map((s) => statusLook(s).icon),
      ['sync~spin', 'pass', 'error', 'circle-slash', 'clock', 'question'],
    );
    assert.equal(statusLook('FAILED').color, 'testing.iconFailed');
  });

  it('formats durations in the unit a person reads', () => {
    assert.deepEqual(
      [42, 3400, 12_000, 125_000, 3_780_000, 187_200_000, -1, Number.NaN].map(formatDuration),
      ['42 ms', '3.4 s', '12 s', '2 min 5 s', '1 h 3 min', '2 d 4 h', '', ''],
    );
  });

  it('writes start times as local YYYY-MM-DD HH:MM, the same for every call on its one clock', () => {
    const local = (ms: number): string => {
      const d = new Date(ms);
      const two = (n: number): string => String(n).padStart(2, '0');
      return `${String(d.getFullYear())}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    };
    // Across years, months, days, the midnight and leap-day edges, and back and forth between them.
    const times = [0, 951_782_400_000, 1_709_164_799_999, 1_767_225_600_000, 1_790_000_000_123, 86_399_999];
    for (const ms of [...times, ...times.reverse()]) {
      assert.equal(formatTimestamp(ms), local(ms), String(ms));
    }
    assert.match(formatTimestamp(1_767_225_600_000), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(formatTimestamp(undefined), '');
  });

  it('labels a run by name, else by the start of its id, and describes start and duration', () => {
    assert.equal(runLabel(run({ runName: 'rf-100' })), 'rf-100');
    assert.equal(runLabel(run({})), '01234567');
    assert.match(runDescription(run({}), 0), /^2026-01-0\d \d\d:\d\d · 2 min 5 s$/);
    const live = run({ status: 'RUNNING', endTime: undefined });
    assert.match(runDescription(live, (live.info.startTime ?? 0) + 4000), / · 4.0 s$/);
  });

  it('spells out NaN and the clamped infinities MLflow stores', () => {
    assert.deepEqual(
      [Number.NaN, 1.7976931348623157e308, -1.7976931348623157e308, Infinity, 0.123456, 3].map(formatMetric),
      ['NaN', 'Infinity', '-Infinity', 'Infinity', '0.1235', '3'],
    );
  });

  it('keeps hostile names as inert, printable, bounded text', () => {
    const hostile = '<img src=x onerror=alert(1)>\n\u0007tab\there';
    assert.equal(displayText(hostile), '<img src=x onerror=alert(1)>\u241f\u241ftab\u241fhere');
    const huge = displayText('x'.repeat(1024 * 1024));
    assert.equal(huge.length, 200);
    assert.ok(huge.endsWith('…'));
    assert.equal(displayText(`${'a'.repeat(198)}😀b`).endsWith('a…'), true, 'no half surrogate pair');
    assert.equal(
      displayText('invoice\u202egpj.exe \u2066x\u2069'),
      'invoice\u241fgpj.exe \u241fx\u241f',
      'bidi overrides and isolates cannot reorder the text',
    );
    const lines = runTooltipLines(run({ runName: hostile }, [{ key: 'mlflow.parentRunId', value: 'p1' }]), 0);
    assert.equal(lines[0], '<img src=x onerror=alert(1)>\u241f\u241ftab\u241fhere — finished');
    assert.ok(lines.includes('Parent run: p1'));
    assert.ok(lines.includes('Metrics: loss=NaN'));
  });
});

describe('models a run logged (mlflow.log-model.history)', () => {
  it('reads the recorded tag and builds the URIs MLflow accepts', () => {
    const ex = loadExchange('rest', '033-runs-get-with-artifacts.json');
    const recorded = parseRun((ex.response.json as { run: unknown }).run);
    assert.deepEqual(
      loggedModelHistory(recorded).map((m) => [m.artifactPath, m.flavors]),
      [['model', ['python_function', 'sklearn']]],
    );
    assert.equal(runsModelUri(recorded.info.runId, 'model'), `runs:/${recorded.info.runId}/model`);
    assert.equal(registryModelUri('iris', { alias: 'champion' }), 'models:/iris@champion');
    assert.equal(registryModelUri('iris', { version: '2' }), 'models:/iris/2');
  });

  it('skips a malformed tag instead of trusting it', () => {
    const withTag = (value: string): Run => ({
      ...run({}),
      data: { metrics: [], params: [], tags: [{ key: 'mlflow.log-model.history', value }] },
    });
    assert.deepEqual(loggedModelHistory(withTag('{not json')), []);
    assert.deepEqual(loggedModelHistory(withTag('{"a":1}')), []);
    assert.deepEqual(
      loggedModelHistory(
        withTag('[null, 3, {"artifact_path": 5}, {"artifact_path": "m", "flavors": null}]'),
      ).map((m) => m.artifactPath),
      ['m'],
    );
  });
});

describe('describeStoreError (one tree node per failure)', () => {
  it('names the action for each kind of failure and keeps the server message as detail', () => {
    assert.equal(
      describeStoreError(new StoreError('network', 'ECONNREFUSED', { request: 'GET /x' })).summary,
      'Cannot reach the tracking server',
    );
    assert.equal(
      describeStoreError(new StoreError('not-mlflow', 'HTML')).summary,
      'This address does not answer like an MLflow server',
    );
    assert.equal(
      describeStoreError(new StoreError('api', 'nope', { status: 401 })).summary,
      'The server asks for credentials (401)',
    );
    assert.equal(
      describeStoreError(new StoreError('api', 'nope', { status: 403 })).summary,
      'Permission denied by the server (403)',
    );
    const bad = describeStoreError(
      new StoreError('api', "Invalid clause 'x'", {
        errorCode: 'INVALID_PARAMETER_VALUE',
        status: 400,
        request: 'POST /api/2.0/mlflow/runs/search',
      }),
    );
    assert.equal(bad.summary, "Rejected: Invalid clause 'x'");
    assert.equal(bad.detail, "Invalid clause 'x' (POST /api/2.0/mlflow/runs/search)");
    assert.equal(describeStoreError(new Error('<b>x</b>\n')).summary, '<b>x</b>\u241f');
  });

  it('names the request once in the detail, also when the message already names it', () => {
    const request = 'POST /api/2.0/mlflow/runs/search';
    const times = (text: string): number => text.split(request).length - 1;
    const errors = [
      toStoreError(new Error('socket hang up'), request, 30_000),
      interpretResponse(404, 'text/html', '<html>Not Found</html>', request),
      interpretResponse(502, 'text/plain', 'Bad Gateway', request),
      interpretResponse(
        400,
        'application/json',
        '{"error_code": "INVALID_PARAMETER_VALUE", "message": "bad"}',
        request,
      ),
      // A long message that names the request only past the 500 characters the detail keeps.
      new StoreError('api', `${'x'.repeat(600)} ${request}`, { request }),
    ];
    for (const err of errors) {
      const { detail } = describeStoreError(err);
      assert.equal(times(detail), 1, detail);
    }
  });
});
