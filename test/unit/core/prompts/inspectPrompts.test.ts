import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main, parseArgs } from '../../../../scripts/inspect';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, {}, (t) => (out += t));
  return { code, out };
}

describe('npm run inspect -- --prompts', () => {
  it('lists the prompts of the recorded mlflow.db with versions, aliases, type and commit message', async () => {
    const { code, out } = await run([
      '--tracking-uri',
      `sqlite:///${path.join(SHARED_3, 'sqlite/mlflow.db')}`,
      '--prompts',
    ]);
    assert.equal(code, 0, out);
    assert.match(out, /^Prompts \(3\)$/m);
    assert.match(out, /^ {2}support-system-prompt {2}@production→v2 @staging→v3$/m);
    assert.match(
      out,
      /^ {4}v2 {2}text {2}@production {2}"Be concise; cite sources" {2}\{\{agent_name, company\}\} {2}model config$/m,
    );
    assert.match(
      out,
      /^ {4}v2 {2}chat {2}@production {2}"Add sentiment" {2}\{\{max_words, ticket\}\} {2}response format$/m,
    );
    assert.doesNotMatch(out, /churn-classifier/, 'registered models are not prompts');
  });

  it('--json from a client-written mlruns: templates and all', async () => {
    const { code, out } = await run([
      '--tracking-uri',
      path.join(SHARED_3, 'mlruns-local'),
      '--prompts',
      '--json',
    ]);
    assert.equal(code, 0, out);
    const json = JSON.parse(out) as {
      prompts: Array<{ prompt: { name: string }; versions: Array<{ version: string; template: unknown }> }>;
    };
    assert.deepEqual(
      json.prompts.map((p) => [p.prompt.name, p.versions.map((v) => [v.version, v.template])]),
      [['support-system-prompt', [['1', { type: 'text', text: 'You are {{ agent_name }}.' }]]]],
    );
  });

  it('parses --prompts and says so in --help', async () => {
    assert.deepEqual(parseArgs(['--tracking-uri', 'x', '--prompts'], {}), {
      trackingUri: 'x',
      experiment: undefined,
      json: false,
      prompts: true,
    });
    assert.match((await run(['--help'])).out, /--prompts {12}the prompt registry/);
  });
});
