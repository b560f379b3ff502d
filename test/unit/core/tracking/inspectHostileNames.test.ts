import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../../scripts/inspect';
import { safeForTerminal } from '../../../../src/core/common/safeForTerminal';
import {
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedAnswer,
  type ScriptedServer,
} from '../../../support/mlflow/scriptedServer';

const ROOT = path.resolve(__dirname, '../../../..');
const ESC = '\u001b';
// What a hostile server could name things: a colour change, a window-title (OSC) sequence, an
// 8-bit CSI, a bell and DEL, a right-to-left override, a line break that fakes a row, a 1 MB name.
const RED = `${ESC}[31mred${ESC}[0m`;
const TITLE = `${ESC}]0;pwned\u0007`;
const HOSTILE_EXPERIMENT = `exp ${RED} ${TITLE}`;
const HOSTILE_RUN = `run\u202egnp.exe\u2066x\u2069\r\n    fake-run  00000000  FINISHED`;
const HUGE_RUN = `run-${'r'.repeat(1 << 20)}`;
const MODEL = `model${ESC}[8m`;
const ALIAS = `champ\u009b2J\u007f`;

function answer(req: ReceivedRequest): ScriptedAnswer {
  const json = (body: unknown): ScriptedAnswer => ({ status: 200, body: JSON.stringify(body) });
  if (req.path.endsWith('/experiments/search')) {
    return json({
      experiments: [
        {
          experiment_id: '1',
          name: HOSTILE_EXPERIMENT,
          lifecycle_stage: 'active',
          artifact_location: 'mlflow-artifacts:/1',
        },
      ],
    });
  }
  if (req.path.endsWith('/runs/search')) {
    const info = (id: string, name: string): Record<string, unknown> => ({
      run_id: id,
      run_uuid: id,
      experiment_id: '1',
      run_name: name,
      status: 'FINISHED',
      start_time: 1,
      lifecycle_stage: 'active',
      artifact_uri: 'x',
    });
    const metrics = [{ key: `loss${ESC}[2K`, value: 1, timestamp: 1, step: 0 }];
    return json({
      runs: [
        { info: info('a1', HOSTILE_RUN), data: { metrics } },
        { info: info('a2', HUGE_RUN), data: {} },
      ],
    });
  }
  if (req.path.endsWith('/registered-models/search')) {
    return json({
      registered_models: [{ name: MODEL, creation_timestamp: 1, aliases: [{ alias: ALIAS, version: '1' }] }],
    });
  }
  if (req.path.endsWith('/model-versions/search')) {
    return json({
      model_versions: [
        {
          name: MODEL,
          version: '1',
          creation_timestamp: 1,
          current_stage: 'None',
          status: `READY${ESC}c`,
          run_id: 'a1',
        },
      ],
    });
  }
  return {
    status: 404,
    body: JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: `no ${ESC}[5m route` }),
  };
}

/** The first raw control character, DEL, C1 or bidi control in the output (its own newlines aside). */
function firstUnsafe(out: string): number | undefined {
  for (let i = 0; i < out.length; i++) {
    const code = out.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      [0x061c, 0x200e, 0x200f].includes(code) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    ) {
      return code;
    }
  }
  return undefined;
}

describe('npm run inspect against a server answering hostile names', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });

  it('prints escape sequences, bidi overrides and fake line breaks escaped, and cuts a 1 MB name', async () => {
    server.script(answer);
    let out = '';
    const code = await main(['--tracking-uri', server.baseUrl], {}, (t) => (out += t), ROOT);
    assert.equal(code, 0, out.slice(0, 500));
    assert.equal(firstUnsafe(out), undefined);
    assert.match(out, /^ {2}exp \\x1b\[31mred\\x1b\[0m \\x1b\]0;pwned\\x07 \[1\]$/m);
    assert.ok(
      out.includes(
        'run\\u202egnp.exe\\u2066x\\u2069\\r\\n    fake-run  00000000  FINISHED  a1  FINISHED  loss\\x1b[2K=1',
      ),
      out,
    );
    assert.doesNotMatch(out, /^ {4}fake-run/m, 'a line break in a name cannot fake a row');
    assert.match(out, /^ {2}model\\x1b\[8m {2}@champ/m);
    assert.ok(out.includes('@champ\\x9b2J\\x7f→v1'));
    assert.ok(out.includes('READY\\x1bc'));
    assert.ok(out.length < 10_000, `${out.length} characters printed`);
    assert.ok(
      out.includes(`    run-${'r'.repeat(196)}… [${HUGE_RUN.length - 200} more characters]  a2  FINISHED`),
      out.slice(0, 2000),
    );
  });

  it('escapes an error message that quotes the server', async () => {
    server.script({
      status: 400,
      body: JSON.stringify({
        error_code: 'BAD_REQUEST',
        message: `bad ${ESC}]0;owned\u0007 request ${'x'.repeat(5000)}`,
      }),
    });
    let out = '';
    const code = await main(['--tracking-uri', server.baseUrl], {}, (t) => (out += t), ROOT);
    assert.equal(code, 1);
    assert.equal(firstUnsafe(out), undefined);
    assert.ok(out.length < 1200, `${out.length} characters`);
  });
});

describe('safeForTerminal', () => {
  it('keeps plain text and Unicode letters as they are', () => {
    assert.equal(safeForTerminal('iris-classifier ünïcødé 模型 😀'), 'iris-classifier ünïcødé 模型 😀');
  });

  it('escapes C0 (line breaks and tabs too), DEL, C1 and bidi controls', () => {
    assert.equal(
      safeForTerminal('a\u0000b\tc\nd\u007fe\u0085f\u202eg\u2067h\u200fi'),
      'a\\x00b\\tc\\nd\\x7fe\\x85f\\u202eg\\u2067h\\u200fi',
    );
  });

  it('cuts past the limit with a count of what was cut, never inside a surrogate pair', () => {
    assert.equal(safeForTerminal('abcdefghij', 4), 'abcd… [6 more characters]');
    assert.equal(safeForTerminal('abc😀def', 4), 'abc… [5 more characters]');
  });
});
