// TEST DOUBLE support — not MLflow. Makes the read-only stores behind the loopback test server
// writable in memory (aliases, run names, tags, delete/restore), so UI and in-host tests can
// exercise the extension's writes against REST without touching the recorded mlflow.db. It also
// takes the writes `mlflow run` makes (experiments/create, runs/create, log-batch params, a run's
// status), so a CLI stand-in can create runs the views then list: created experiments follow the
// recorded ones, created runs are filtered and ordered in memory and come before the recorded runs.
import { randomUUID } from 'node:crypto';
import type { Page } from '../../../src/core/common/paging';
import { StoreError } from '../../../src/core/common/storeError';
import type { ModelVersion } from '../../../src/core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../../src/core/registry/entities/registeredModel';
import type { RegistryStore } from '../../../src/core/registry/registryStore';
import type { Experiment } from '../../../src/core/tracking/entities/experiment';
import type { Run } from '../../../src/core/tracking/entities/run';
import { searchRunsInMemory } from '../../../src/core/tracking/search/runSearch';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/** The writes the test server accepts, applied on top of the stores' answers. */
export interface OverlayWrites {
  setAlias(name: string, alias: string, version: string): void;
  deleteAlias(name: string, alias: string): void;
  renameRun(runId: string, name: string): void;
  setRunTag(runId: string, key: string, value: string): void;
  deleteRunTag(runId: string, key: string): void;
  setRunDeleted(runId: string, deleted: boolean): void;
  setExperimentTag(experimentId: string, key: string, value: string): void;
  /** A new experiment; returns its id. */
  createExperiment(name: string): string;
  /** A new RUNNING run; returns it. */
  createRun(
    experimentId: string,
    startTime: number,
    tags: ReadonlyArray<{ key: string; value: string }>,
    runName: string | undefined,
  ): Run;
  logParams(runId: string, params: ReadonlyArray<{ key: string; value: string }>): void;
  setRunStatus(runId: string, status: string, endTime: number | undefined): void;
}

export interface OverlaidStores {
  readonly tracking: TrackingStore;
  readonly registry: RegistryStore;
  readonly writes: OverlayWrites;
}

/** Wrap read-only stores with an in-memory layer of writes. */
export function overlayStores(tracking: TrackingStore, registry: RegistryStore): OverlaidStores {
  /** name → alias → version (undefined = deleted) */
  const aliases = new Map<string, Map<string, string | undefined>>();
  const names = new Map<string, string>();
  const tags = new Map<string, Map<string, string | undefined>>();
  const lifecycle = new Map<string, 'active' | 'deleted'>();
  const experimentTags = new Map<string, Map<string, string>>();
  const experiment = (e: Experiment): Experiment => {
    const edits = experimentTags.get(e.experimentId);
    if (edits === undefined) {
      return e;
    }
    const all = new Map(e.tags.map((t) => [t.key, t.value]));
    for (const [k, v] of edits) {
      all.set(k, v);
    }
    return { ...e, tags: [...all].map(([key, value]) => ({ key, value })) };
  };

  const aliasMap = (
    model: string,
    base: ReadonlyArray<{ alias: string; version: string }>,
  ): Array<{ alias: string; version: string }> => {
    const out = new Map(base.map((a) => [a.alias, a.version]));
    for (const [alias, version] of aliases.get(model) ?? []) {
      if (version === undefined) {
        out.delete(alias);
      } else {
        out.set(alias, version);
      }
    }
    return [...out]
      .map(([alias, version]) => ({ alias, version }))
      .sort((a, b) => a.alias.localeCompare(b.alias));
  };
  const version = (
    v: ModelVersion,
    modelAliases?: ReadonlyArray<{ alias: string; version: string }>,
  ): ModelVersion => {
    const all = aliasMap(v.name, modelAliases ?? v.aliases.map((alias) => ({ alias, version: v.version })));
    return { ...v, aliases: all.filter((a) => a.version === v.version).map((a) => a.alias) };
  };
  const model = (m: RegisteredModel): RegisteredModel => ({
    ...m,
    aliases: aliasMap(m.name, m.aliases),
    latestVersions: m.latestVersions.map((v) => version(v, m.aliases)),
  });
  const run = (r: Run): Run => {
    const id = r.info.runId;
    const tagEdits = tags.get(id);
    const runTags = new Map(r.data.tags.map((t) => [t.key, t.value]));
    for (const [k, v] of tagEdits ?? []) {
      if (v === undefined) {
        runTags.delete(k);
      } else {
        runTags.set(k, v);
      }
    }
    const name = names.get(id);
    if (name !== undefined) {
      runTags.set('mlflow.runName', name);
    }
    return {
      ...r,
      info: {
        ...r.info,
        runName: name ?? r.info.runName,
        lifecycleStage: lifecycle.get(id) ?? r.info.lifecycleStage,
      },
      data: { ...r.data, tags: [...runTags].map(([key, value]) => ({ key, value })) },
    };
  };
  const createdExperiments: Experiment[] = [];
  const createdRuns = new Map<string, Run>();
  const createdRun = (id: string): Run => {
    const r = createdRuns.get(id);
    if (r === undefined) {
      throw new StoreError('api', `Run '${id}' not found.`, {
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        status: 404,
      });
    }
    return r;
  };
  const inView = (r: Run, view: string | undefined): boolean =>
    view === 'ALL'
      ? true
      : view === 'DELETED_ONLY'
        ? r.info.lifecycleStage === 'deleted'
        : r.info.lifecycleStage !== 'deleted';
  const mapPage = <T>(p: Page<T>, f: (x: T) => T): Page<T> => ({ ...p, items: p.items.map(f) });

  const overTracking: TrackingStore = {
    kind: tracking.kind,
    // Created experiments come after the recorded ones, on the last page.
    searchExperiments: async (r) => {
      const page = await tracking.searchExperiments(r);
      return mapPage(
        page.nextPageToken === undefined && r.viewType !== 'DELETED_ONLY'
          ? { ...page, items: [...page.items, ...createdExperiments] }
          : page,
        experiment,
      );
    },
    getExperiment: async (id, o) =>
      experiment(
        createdExperiments.find((e) => e.experimentId === id) ?? (await tracking.getExperiment(id, o)),
      ),
    getExperimentByName: async (n, o) => {
      const found =
        createdExperiments.find((e) => e.name === n) ?? (await tracking.getExperimentByName(n, o));
      return found === undefined ? undefined : experiment(found);
    },
    // Deleting changes which runs a view shows, so searches ask for all and filter here.
    searchRuns: async (r) => {
      const page = await tracking.searchRuns({
        ...r,
        runViewType: lifecycle.size === 0 ? r.runViewType : 'ALL',
      });
      const recorded = page.items.map(run).filter((x) => lifecycle.size === 0 || inView(x, r.runViewType));
      const mine = searchRunsInMemory(
        [...createdRuns.values()]
          .filter((x) => r.experimentIds.includes(x.info.experimentId))
          .map(run)
          .filter((x) => inView(x, r.runViewType)),
        r.filter,
        r.orderBy,
        'sql',
      );
      // Created runs are newest: they lead the first page.
      return { ...page, items: r.pageToken === undefined ? [...mine, ...recorded] : recorded };
    },
    getRun: async (id, o) => run(createdRuns.get(id) ?? (await tracking.getRun(id, o))),
    getMetricHistory: (r) => tracking.getMetricHistory(r),
    getSampledMetricHistory: (r) => tracking.getSampledMetricHistory(r),
    listArtifacts: (r) => tracking.listArtifacts(r),
    readArtifact: (r) => tracking.readArtifact(r),
    openArtifactStream: (r) => tracking.openArtifactStream(r),
    searchLoggedModels: (r) => tracking.searchLoggedModels(r),
    getLoggedModel: (id, o) => tracking.getLoggedModel(id, o),
    readLoggedModelArtifact: (r) => tracking.readLoggedModelArtifact(r),
    listLoggedModelArtifacts: (r) => tracking.listLoggedModelArtifacts(r),
    dispose: () => {
      tracking.dispose();
    },
  };
  const overRegistry: RegistryStore = {
    searchRegisteredModels: async (r) => mapPage(await registry.searchRegisteredModels(r), model),
    getRegisteredModel: async (n, o) => model(await registry.getRegisteredModel(n, o)),
    searchModelVersions: async (r) => {
      const page = await registry.searchModelVersions(r);
      const byModel = new Map<string, RegisteredModel>();
      for (const v of page.items) {
        if (!byModel.has(v.name)) {
          byModel.set(v.name, await registry.getRegisteredModel(v.name));
        }
      }
      return mapPage(page, (v) => version(v, byModel.get(v.name)?.aliases));
    },
    getModelVersion: async (n, v, o) =>
      version(await registry.getModelVersion(n, v, o), (await registry.getRegisteredModel(n, o)).aliases),
    getModelVersionByAlias: async (n, a, o) => {
      const holder = aliasMap(n, (await registry.getRegisteredModel(n, o)).aliases).find(
        (x) => x.alias === a,
      );
      if (holder === undefined) {
        throw new StoreError('api', `Registered model alias ${a} not found.`, {
          errorCode: 'INVALID_PARAMETER_VALUE',
          status: 400,
        });
      }
      return overRegistry.getModelVersion(n, holder.version, o);
    },
  };
  const edit = <V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> => {
    let inner = m.get(key);
    if (inner === undefined) {
      inner = new Map();
      m.set(key, inner);
    }
    return inner;
  };
  return {
    tracking: overTracking,
    registry: overRegistry,
    writes: {
      setAlias: (name, alias, v) => edit(aliases, name).set(alias, v),
      deleteAlias: (name, alias) => edit(aliases, name).set(alias, undefined),
      renameRun: (id, name) => names.set(id, name),
      setRunTag: (id, k, v) => edit(tags, id).set(k, v),
      deleteRunTag: (id, k) => edit(tags, id).set(k, undefined),
      setRunDeleted: (id, deleted) => lifecycle.set(id, deleted ? 'deleted' : 'active'),
      setExperimentTag: (id, k, v) => edit(experimentTags, id).set(k, v),
      createExperiment: (name) => {
        const experimentId = String(900_000 + createdExperiments.length);
        createdExperiments.push({
          experimentId,
          name,
          artifactLocation: `mlflow-artifacts:/${experimentId}`,
          lifecycleStage: 'active',
          creationTime: Date.now(),
          lastUpdateTime: Date.now(),
          tags: [],
        });
        return experimentId;
      },
      createRun: (experimentId, startTime, runTags, runName) => {
        const runId = randomUUID().replace(/-/g, '');
        const name = runName ?? `stand-in-run-${String(createdRuns.size + 1)}`;
        const created: Run = {
          info: {
            runId,
            runName: name,
            experimentId,
            userId: runTags.find((t) => t.key === 'mlflow.user')?.value,
            status: 'RUNNING',
            startTime,
            endTime: undefined,
            artifactUri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
            lifecycleStage: 'active',
          },
          data: { metrics: [], params: [], tags: [...runTags, { key: 'mlflow.runName', value: name }] },
          inputs: { datasetInputs: [], modelInputs: [] },
          outputs: { modelOutputs: [] },
        };
        createdRuns.set(runId, created);
        return created;
      },
      logParams: (id, params) => {
        const r = createdRun(id);
        createdRuns.set(id, { ...r, data: { ...r.data, params: [...r.data.params, ...params] } });
      },
      setRunStatus: (id, status, endTime) => {
        const r = createdRun(id);
        createdRuns.set(id, { ...r, info: { ...r.info, status, endTime } });
      },
    },
  };
}
