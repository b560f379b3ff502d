import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkContributions } from '../../scripts/checkContributions';
import { IMPLEMENTED_COMMANDS } from '../../src/extension/shared/commandIds/implementedCommands';

const ROOT = path.resolve(__dirname, '../..');
const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;

describe('package.json contributions', () => {
  it('pass the contribution check', () => {
    assert.deepEqual(checkContributions(manifest, nls, IMPLEMENTED_COMMANDS), []);
  });

  it('the check catches an unhidden command without a handler, a missing text and "*"', () => {
    const pkg = JSON.parse(manifest) as { activationEvents: string[] };
    pkg.activationEvents.push('*');
    const problems = checkContributions(JSON.stringify(pkg), nls, IMPLEMENTED_COMMANDS.slice(1));
    assert.ok(
      problems.some(
        (p) =>
          p.includes('mlflow.connection.connectServer is registered') ||
          p.includes('connectServer has no handler'),
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('"*"')),
      problems.join('\n'),
    );
    const { ['view.models']: _dropped, ...lessNls } = nls;
    assert.ok(
      checkContributions(manifest, lessNls, IMPLEMENTED_COMMANDS).some((p) => p.includes('%view.models%')),
    );
  });

  it('declares the activity-bar container, its four views and the MLmodel language', () => {
    const pkg = JSON.parse(manifest) as {
      contributes: {
        viewsContainers: { activitybar: { id: string }[] };
        views: Record<string, { id: string }[]>;
        languages: { id: string; filenames: string[] }[];
      };
      capabilities: { untrustedWorkspaces: { supported: string } };
    };
    assert.deepEqual(
      pkg.contributes.viewsContainers.activitybar.map((c) => c.id),
      ['mlflow'],
    );
    assert.deepEqual(
      pkg.contributes.views.mlflow?.map((v) => v.id),
      ['mlflow.experiments', 'mlflow.models', 'mlflow.prompts', 'mlflow.serving'],
    );
    assert.deepEqual(pkg.contributes.languages.find((l) => l.id === 'mlmodel')?.filenames, ['MLmodel']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('an untrusted workspace cannot choose the interpreter nor where credentials and terminals point', () => {
    const pkg = JSON.parse(manifest) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['mlflow.pythonPath', 'mlflow.trackingUri', 'mlflow.registryUri']) {
      assert.ok(restricted.includes(key), `${key} is restricted`);
    }
  });
});
