import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Step {
  readonly id: string;
  readonly media: { readonly markdown?: string };
  readonly completionEvents: readonly string[];
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly views: Record<string, readonly { readonly id: string }[]>;
    readonly walkthroughs: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  };
}

describe('the Get Started walkthrough (contributes.walkthroughs)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const commands = new Set(pkg.contributes.commands.map((c) => c.command));
  const views = new Set(Object.values(pkg.contributes.views).flatMap((v) => v.map((x) => x.id)));
  const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);

  it('has the steps the issue asks for, each with a markdown page that exists', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['connect', 'browse', 'compare', 'mlmodel', 'serve', 'tryIt', 'code'],
    );
    for (const step of steps) {
      const md = step.media.markdown ?? '';
      assert.match(md, /^media\/[\w.-]+\.md$/, step.id);
      assert.ok(fs.statSync(path.join(ROOT, md)).size > 100, md);
    }
  });

  it('completes each step on a real command, view or context of this extension', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind = '', what = ''] = event.split(/:(.*)/s);
        if (kind === 'onCommand') {
          assert.ok(commands.has(what), `${step.id}: ${event} names a contributed command`);
        } else if (kind === 'onView') {
          assert.ok(views.has(what), `${step.id}: ${event} names a contributed view`);
        } else {
          assert.equal(kind, 'onContext', `${step.id}: ${event}`);
          assert.match(what, /^(mlflow\.connected|editorLangId == mlmodel)$/);
        }
      }
    }
  });
});
