import * as assert from 'node:assert/strict';
import { parseNameStatus } from '../../../../src/core/code/changedFiles';
import { candidatePaths, repoRelativePath } from '../../../../src/core/code/repoPaths';
import { isCommitHash, normalizeRepoUrl, runSource } from '../../../../src/core/code/runSource';

describe('run source tags', () => {
  it('accepts only hex commits, so a tag cannot become a git option', () => {
    assert.ok(isCommitHash('0123456789abcdef0123456789abcdef01234567'));
    assert.ok(isCommitHash('ABCDEF1'));
    for (const bad of ['--output=/tmp/x', 'HEAD', 'abc', 'main~1', '0123abc\n', 'g123456', '']) {
      assert.equal(isCommitHash(bad), false, bad);
    }
  });

  it('reads the source, commit, repository, dirty flag and diff', () => {
    const source = runSource([
      { key: 'mlflow.source.name', value: 'train.py' },
      { key: 'mlflow.source.git.commit', value: ' ABCDEF1234567 ' },
      { key: 'mlflow.source.git.repoURL', value: 'git@github.com:me/proj.git' },
      { key: 'mlflow.source.git.dirty', value: 'True' },
      { key: 'mlflow.git.diff', value: '--- a\n+++ b\n' },
    ]);
    assert.deepEqual(source, {
      sourceName: 'train.py',
      commit: 'abcdef1234567',
      rawCommit: 'ABCDEF1234567',
      repoUrl: 'git@github.com:me/proj.git',
      branch: undefined,
      dirty: true,
      diff: '--- a\n+++ b\n',
    });
    assert.equal(runSource([{ key: 'mlflow.source.git.commit', value: '$(rm -rf ~)' }]).commit, undefined);
  });

  it('compares the URL forms git writes for one repository', () => {
    const forms = [
      'git@github.com:me/proj.git',
      'https://github.com/me/proj',
      'https://token@github.com/me/proj.git/',
      'ssh://git@github.com:22/me/proj.git',
    ];
    assert.deepEqual(new Set(forms.map(normalizeRepoUrl)), new Set(['github.com/me/proj']));
    assert.notEqual(normalizeRepoUrl('https://github.com/me/other'), 'github.com/me/proj');
  });
});

describe('repository paths', () => {
  it('turns a recorded source name into repository-relative candidates, longest first', () => {
    assert.deepEqual(candidatePaths('/home/ci/work/proj/src/train.py'), [
      'home/ci/work/proj/src/train.py',
      'ci/work/proj/src/train.py',
      'work/proj/src/train.py',
      'proj/src/train.py',
      'src/train.py',
      'train.py',
    ]);
    assert.deepEqual(candidatePaths('/ws/proj/src/train.py', '/ws/proj'), ['src/train.py']);
    assert.deepEqual(candidatePaths('C:\\ws\\proj\\train.py', 'C:/ws/proj'), ['train.py']);
    assert.deepEqual(candidatePaths('./train.py'), ['train.py']);
  });

  it('never leaves the repository', () => {
    assert.deepEqual(candidatePaths('../../etc/passwd'), []);
    assert.deepEqual(candidatePaths('a'.repeat(1_000_000)), [], 'a 1 MB name is no path');
    assert.deepEqual(candidatePaths('/ws/proj/../secret', '/ws/proj'), []);
    assert.equal(repoRelativePath('a/../../b'), undefined);
    assert.equal(repoRelativePath('/abs/x'), 'abs/x');
    assert.equal(repoRelativePath(''), undefined);
  });

  it('parses git diff --name-status -z, renames included', () => {
    const out = 'M\0train.py\0A\0data/new.csv\0R100\0old.py\0new.py\0D\0gone.py\0M\0../evil\0';
    assert.deepEqual(parseNameStatus(out), [
      { status: 'M', path: 'train.py' },
      { status: 'A', path: 'data/new.csv' },
      { status: 'R', path: 'new.py', oldPath: 'old.py' },
      { status: 'D', path: 'gone.py' },
    ]);
  });
});
