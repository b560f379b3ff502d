import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { safeDestination } from '../../../../src/core/explorer/safeDestination';

describe('safeDestination (artifact downloads cannot leave the chosen folder)', () => {
  const root = path.resolve('/tmp/downloads');

  it('places ordinary artifact paths inside the folder', () => {
    assert.equal(safeDestination(root, 'model/MLmodel'), path.join(root, 'model', 'MLmodel'));
    assert.equal(safeDestination(root, 'plots/roc curve.png'), path.join(root, 'plots', 'roc curve.png'));
  });

  it('refuses traversal, absolute paths, drive letters and NUL bytes', () => {
    for (const hostile of [
      '../etc/passwd',
      'a/../../b',
      '/etc/passwd',
      '\\\\server\\share',
      'C:\\Windows\\x',
      'c:x',
      'a/./b',
      'a\0b',
      '',
      '..',
      'a\\..\\..\\b',
    ]) {
      assert.equal(safeDestination(root, hostile), undefined, JSON.stringify(hostile));
    }
  });
});
