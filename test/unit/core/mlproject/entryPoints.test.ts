import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { declaredParameters, projectSpec } from '../../../../src/core/mlproject/entryPoints';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/mlproject');

describe('projectSpec', () => {
  it('reads the entry points of MLflow’s sklearn_elasticnet_wine example with typed defaults', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'sklearn_elasticnet_wine', 'MLproject'), 'utf8');
    const spec = projectSpec(text);
    assert.equal(spec.name, 'tutorial');
    assert.deepEqual(
      spec.entryPoints.map((e) => ({ name: e.name, parameters: e.parameters, command: e.command })),
      [
        {
          name: 'main',
          parameters: [
            { name: 'alpha', type: 'float', default: '0.5' },
            { name: 'l1_ratio', type: 'float', default: '0.1' },
          ],
          command: 'python train.py {alpha} {l1_ratio}',
        },
      ],
    );
    const [main] = spec.entryPoints;
    assert.equal(text.slice(main?.keyRange.start, main?.keyRange.end), 'main');
  });

  it('reads every entry point of the multistep workflow, in order', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multistep_workflow', 'MLproject'), 'utf8');
    const names = projectSpec(text).entryPoints.map((e) => e.name);
    assert.ok(names.length >= 4, names.join(', '));
    for (const entry of projectSpec(text).entryPoints) {
      assert.equal(text.slice(entry.keyRange.start, entry.keyRange.end), entry.name);
    }
  });

  it('treats a bare type, a map without type and an empty value as MLflow does', () => {
    const text =
      'entry_points:\n  train:\n    parameters:\n      data: path\n      note: {default: hi}\n      tag:\n    command: "x {data} {note} {tag}"\n';
    assert.deepEqual(projectSpec(text).entryPoints[0]?.parameters, [
      { name: 'data', type: 'path' },
      { name: 'note', type: 'string', default: 'hi' },
      { name: 'tag', type: 'string' },
    ]);
  });

  it('has no entry points for a text that is not a mapping', () => {
    assert.deepEqual(projectSpec('- a\n- b\n'), { name: undefined, entryPoints: [] });
    assert.deepEqual(projectSpec(': : :\n\t'), { name: undefined, entryPoints: [] });
  });

  it('keeps a parameter named __proto__ as a plain declared parameter', () => {
    const spec = projectSpec(
      'entry_points:\n  main:\n    parameters:\n      __proto__: {type: int, default: 1}\n    command: x\n',
    );
    const [main] = spec.entryPoints;
    assert.ok(main);
    const declared = declaredParameters(main);
    assert.ok(Object.hasOwn(declared, '__proto__'));
    assert.equal(Object.getPrototypeOf(declared), Object.prototype);
  });
});
