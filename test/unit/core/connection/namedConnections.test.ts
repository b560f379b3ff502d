import * as assert from 'node:assert/strict';
import {
  addNamedConnection,
  readNamedConnections,
  removeNamedConnection,
  renameNamedConnection,
  suggestConnectionName,
} from '../../../../src/core/connection/namedConnections';

const TEAM = { name: 'Team', uri: 'http://mlflow.team:5000' };
const LOCAL = { name: 'Local', uri: 'http://127.0.0.1:5000' };

describe('named connections', () => {
  it('adds, keeps an already saved URI under its first name, and refuses a duplicate name', () => {
    const one = addNamedConnection([], TEAM);
    assert.ok(one.ok);
    const two = addNamedConnection(one.list, LOCAL);
    assert.ok(two.ok);
    assert.deepEqual(two.list, [TEAM, LOCAL]);
    const again = addNamedConnection(two.list, { name: 'Other', uri: TEAM.uri });
    assert.ok(again.ok && again.list === two.list);
    const clash = addNamedConnection(two.list, { name: 'team', uri: 'http://elsewhere' });
    assert.ok(!clash.ok && /already exists/.test(clash.error));
    const secret = addNamedConnection([], { name: 'X', uri: 'https://u:pw@host' });
    assert.ok(!secret.ok && /password/.test(secret.error));
    const blank = addNamedConnection([], { name: '  ', uri: 'http://h' });
    assert.ok(!blank.ok);
  });

  it('renames and removes by name', () => {
    const renamed = renameNamedConnection([TEAM, LOCAL], 'Team', ' Prod ');
    assert.ok(renamed.ok);
    assert.deepEqual(renamed.list, [{ name: 'Prod', uri: TEAM.uri }, LOCAL]);
    assert.equal(renameNamedConnection([TEAM, LOCAL], 'Team', 'local').ok, false);
    assert.equal(renameNamedConnection([TEAM], 'Nope', 'x').ok, false);
    assert.ok(renameNamedConnection([TEAM], 'Team', 'TEAM').ok);
    const removed = removeNamedConnection([TEAM, LOCAL], 'Team');
    assert.ok(removed.ok);
    assert.deepEqual(removed.list, [LOCAL]);
    assert.equal(removeNamedConnection([LOCAL], 'Team').ok, false);
  });

  it('reads back only well-formed entries, never one with a password', () => {
    assert.deepEqual(
      readNamedConnections([
        TEAM,
        { name: 'x' },
        'junk',
        null,
        { name: 'P', uri: 'http://a:b@h' },
        { name: 'team', uri: 'http://dup' },
        LOCAL,
      ]),
      [TEAM, LOCAL],
    );
    assert.deepEqual(readNamedConnections(undefined), []);
    assert.deepEqual(readNamedConnections({ name: 'x' }), []);
  });

  it('suggests a name from the address', () => {
    assert.equal(suggestConnectionName('https://mlflow.example.com/team/'), 'mlflow.example.com/team');
    assert.equal(suggestConnectionName('databricks'), 'Databricks');
    assert.equal(suggestConnectionName('databricks://prod'), 'Databricks prod');
    assert.equal(
      suggestConnectionName(
        'azureml://eastus.api.azureml.ms/mlflow/v1.0/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/my%20ws',
      ),
      'Azure ML my ws',
    );
    assert.equal(suggestConnectionName('sqlite:////home/u/proj/mlflow.db'), 'proj/mlflow.db');
  });
});
