import * as assert from 'node:assert/strict';
import {
  aliasNameProblem,
  deleteAliasPrompt,
  setAliasPrompt,
} from '../../../../src/core/explorer/aliasPrompt';
import { promptUri } from '../../../../src/core/prompts/promptUri';

describe('alias confirmations say what holds the alias now', () => {
  it('names the version a moved alias leaves, and the URI that changes meaning', () => {
    const moved = setAliasPrompt('iris-classifier', 'champion', '3', '1');
    assert.equal(moved.message, 'Move @champion of iris-classifier from version 1 to version 3?');
    assert.equal(moved.detail, 'Anything loading models:/iris-classifier@champion will get version 3.');
    assert.equal(
      setAliasPrompt('iris-classifier', 'challenger', '2', undefined).message,
      'Set @challenger on iris-classifier version 2?',
    );
  });

  it('names the version holding an alias about to be deleted', () => {
    const gone = deleteAliasPrompt('iris-classifier', 'champion', '2');
    assert.equal(gone.message, 'Delete @champion from iris-classifier? It now points to version 2.');
    assert.match(gone.detail, /models:\/iris-classifier@champion will fail/);
    assert.match(deleteAliasPrompt('m', 'old', undefined).message, /not set on m/);
  });

  it('keeps a hostile model name as bounded, single-line text', () => {
    const p = deleteAliasPrompt(`evil\n${'x'.repeat(5000)}`, 'a', '1');
    assert.ok(!p.message.includes('\n'));
    assert.ok(p.message.length < 400);
  });

  it('says prompts:/ for a prompt alias, with the same wording', () => {
    const uri = (name: string, alias: string): string => promptUri(name, { alias });
    const moved = setAliasPrompt('support-system-prompt', 'production', '3', '2', uri);
    assert.equal(moved.message, 'Move @production of support-system-prompt from version 2 to version 3?');
    assert.equal(
      moved.detail,
      'Anything loading prompts:/support-system-prompt@production will get version 3.',
    );
    assert.equal(
      deleteAliasPrompt('support-system-prompt', 'staging', '3', uri).detail,
      'Anything loading prompts:/support-system-prompt@staging will fail until the alias is set again.',
    );
  });
});

describe('aliasNameProblem (the alias box of models and prompts)', () => {
  it('accepts MLflow alias names and refuses others with the reason', () => {
    assert.equal(aliasNameProblem('champion'), undefined);
    assert.equal(aliasNameProblem('prod_2-eu'), undefined);
    assert.equal(aliasNameProblem('v2'), '"v2" is reserved by MLflow.');
    assert.equal(aliasNameProblem('Latest'), '"Latest" is reserved by MLflow.');
    assert.equal(aliasNameProblem('a b'), 'Letters, digits, "-" and "_" only.');
    assert.equal(aliasNameProblem(''), 'Letters, digits, "-" and "_" only.');
    assert.equal(aliasNameProblem('x'.repeat(256)), 'Letters, digits, "-" and "_" only.');
  });
});
