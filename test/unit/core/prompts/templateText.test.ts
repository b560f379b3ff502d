import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promptUri } from '../../../../src/core/prompts/promptUri';
import {
  templateText,
  templateVariables,
  variableRanges,
  versionDocument,
} from '../../../../src/core/prompts/templateText';
import { templateOf } from '../../../../src/core/prompts/toPrompt';
import { versionDescription, versionDetails } from '../../../../src/core/prompts/versionDetails';
import type { PromptVersion } from '../../../../src/core/prompts/promptEntities';

/** The chat template of summarize-ticket v2, as rest/139 recorded it. */
const CHAT =
  '[{"role": "system", "content": "You summarize support tickets in at most {{ max_words }} words. Include the customer\'s sentiment."}, {"role": "user", "content": "Ticket:\\n{{ ticket }}"}]';

const version = (over: Partial<PromptVersion>): PromptVersion => ({
  name: 'p',
  version: '1',
  template: { type: 'text', text: '' },
  commitMessage: undefined,
  aliases: [],
  modelConfig: undefined,
  responseFormat: undefined,
  creationTimestamp: undefined,
  lastUpdatedTimestamp: undefined,
  userId: undefined,
  tags: [],
  ...over,
});

describe('prompt templates as documents', () => {
  it('finds {{variables}} as MLflow does: spaces inside the braces, dotted paths, not {single} braces', () => {
    const text = 'Hi {{ name }}, {{user.address.city}} {x} {{ 1bad }} {{ok_2}}';
    assert.deepEqual(
      variableRanges(text).map((v) => [v.name, text.slice(v.start, v.end)]),
      [
        ['name', '{{ name }}'],
        ['user.address.city', '{{user.address.city}}'],
        ['ok_2', '{{ok_2}}'],
      ],
    );
  });

  it('shows a chat prompt as one "## role" heading a message, variables kept', () => {
    const t = templateOf(CHAT, 'chat');
    assert.equal(
      templateText(t),
      "## system\n\nYou summarize support tickets in at most {{ max_words }} words. Include the customer's sentiment.\n\n## user\n\nTicket:\n{{ ticket }}\n",
    );
    assert.deepEqual(templateVariables(t), ['max_words', 'ticket']);
  });

  it('keeps a text prompt exactly, and a chat text that is not a message list as text', () => {
    assert.equal(versionDocument(version({ template: templateOf('A {{ b }}', 'text') })), 'A {{ b }}\n');
    assert.deepEqual(templateOf('not json', 'chat'), { type: 'text', text: 'not json' });
    assert.deepEqual(templateOf('[{"content": "no role"}]', 'chat').type, 'text');
    // Multi-part content is shown, as JSON, rather than dropped.
    const parts = templateOf('[{"role": "user", "content": [{"type": "text", "text": "{{ q }}"}]}]', 'chat');
    assert.match(templateText(parts), /^## user\n\n```json\n\[\n {2}\{\n/);
  });

  it('describes a version by aliases, type and commit message; details leave out what is absent', () => {
    const v = version({
      aliases: ['production'],
      commitMessage: 'Be concise',
      modelConfig: { model_name: 'gpt-4o-mini', temperature: 0.2 },
      template: templateOf('You are {{ agent_name }}', 'text'),
    });
    assert.equal(versionDescription(v), '@production · text · Be concise');
    assert.deepEqual(
      versionDetails(v).map((d) => [d.label, d.value]),
      [
        ['Type', 'text'],
        ['Commit message', 'Be concise'],
        ['Variables', 'agent_name'],
        ['Model config', '{"model_name":"gpt-4o-mini","temperature":0.2}'],
      ],
    );
    assert.deepEqual(
      versionDetails(version({})).map((d) => d.key),
      ['type'],
    );
  });

  it('names versions and aliases with prompts:/ URIs', () => {
    assert.equal(promptUri('qa-with-context', { version: '2' }), 'prompts:/qa-with-context/2');
    assert.equal(promptUri('qa-with-context', { alias: 'champion' }), 'prompts:/qa-with-context@champion');
  });

  it("the editor grammar marks the same {{variables}} as MLflow's pattern", () => {
    const grammar = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../../syntaxes/mlflow-prompt.tmLanguage.json'), 'utf8'),
    ) as { repository: { variable: { match: string }; role: { match: string } } };
    const variable = new RegExp(grammar.repository.variable.match, 'g');
    const text =
      'Hi {{ name }}, {{user.address.city}} {x} {{ 1bad }} {{ok_2}}\n' +
      templateText(templateOf(CHAT, 'chat'));
    assert.deepEqual(
      [...text.matchAll(variable)].map((m) => [m.index, m[2]]),
      variableRanges(text).map((v) => [v.start, v.name]),
    );
    const role = new RegExp(grammar.repository.role.match, 'gm');
    assert.deepEqual(
      [...templateText(templateOf(CHAT, 'chat')).matchAll(role)].map((m) => m[2]),
      ['system', 'user'],
    );
  });
});
