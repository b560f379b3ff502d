import * as assert from 'node:assert/strict';
import { openStores, type Stores } from '../../../../src/core/stores/openStores';
import { MAX_TOOL_OUTPUT, toolNamed, type ToolStores } from '../../../../src/core/tools';
import { recordedTarget } from './recordedTarget';
import { overlayStores } from '../../../support/mlflow/writableOverlay';

const HUGE = `<script>alert(1)</script>\u202e${'x'.repeat(1024 * 1024)}`;
const MARKUP = '<img src=x onerror=alert(1)> **bold** [link](command:workbench.action.reloadWindow)';

type Json = Record<string, unknown>;

describe('MLflow tools over hostile names (1 MB, markup, bidi controls)', () => {
  let stores: Stores;
  let toolStores: ToolStores;
  let runId: string;
  before(async () => {
    stores = await openStores(recordedTarget());
    const overlaid = overlayStores(stores.tracking, stores.registry);
    const experimentId = overlaid.writes.createExperiment(HUGE);
    const run = overlaid.writes.createRun(experimentId, Date.now(), [{ key: MARKUP, value: HUGE }], HUGE);
    overlaid.writes.logParams(run.info.runId, [{ key: HUGE, value: HUGE }]);
    runId = run.info.runId;
    toolStores = {
      tracking: overlaid.tracking,
      registry: overlaid.registry,
      traces: () => Promise.reject(new Error('unused')),
    };
  });
  after(() => {
    stores.dispose();
  });

  const call = (name: string, input: Json): Promise<string> => {
    const tool = toolNamed(name);
    assert.ok(tool);
    return tool.run(input, { stores: toolStores });
  };

  const inputs = async (name: string): Promise<Json> => {
    if (name === 'get_run') {
      return { run_id: runId };
    }
    if (name === 'search_runs') {
      const page = await toolStores.tracking.searchExperiments({ filter: "name LIKE '<script>%'" });
      return { experiment_ids: [page.items[0]?.experimentId ?? ''] };
    }
    return {};
  };

  for (const name of ['search_experiments', 'search_runs', 'get_run']) {
    it(`${name} answers bounded text with the names cut and the controls made visible`, async () => {
      const text = await call(name, await inputs(name));
      assert.ok(text.length <= MAX_TOOL_OUTPUT, `${name}: ${String(text.length)} characters`);
      assert.ok(!text.includes('x'.repeat(1000)), 'no 1 MB string');
      assert.ok(!text.includes('\u202e'), 'the bidi override is made visible');
      assert.ok(
        text.includes('<script>alert(1)</script>'),
        'markup stays as plain text, not dropped or rendered',
      );
      JSON.parse(text);
    });
  }

  it('an unknown 5,000-character experiment name is a bounded error', async () => {
    await assert.rejects(
      call('search_runs', { experiment_names: [HUGE.slice(0, 5000)] }),
      (err: Error) => err.message.length < 400,
    );
  });

  it('compare_runs keeps every cell short', async () => {
    const text = await call('compare_runs', { run_ids: [runId, '0d76f8c832724e74bbd726a3c03c1ffa'] });
    assert.ok(text.length <= MAX_TOOL_OUTPUT);
    for (const line of text.split('\n')) {
      assert.ok(line.length < 2000, 'each row is short');
    }
    assert.ok(!text.includes('\u202e'));
  });
});
