// TEST DOUBLE support — not MLflow. Makes the read-only stores behind the loopback test server
// writable in memory (aliases, run names, tags, delete/restore), so UI and in-host tests can
// exercise the extension's writes against REST without touching the recorded mlflow.db.
import type { Page } from '../../../src/core/common/paging';
import { StoreError } from '../../../src/core/common/storeError';
import type { ModelVersion } from '../../../src/core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../../src/core/registry/entities/registeredModel';
import type { RegistryStore } from '../../../src/core/registry/registryStore';
import type { Run } from '../../../src/core/tracking/entities/run';
import type { TrackingStore } from '../../../src/core/tracking/trackingStore';

/** The writes the test server accepts, applied on top of the stores' answers. */
export interface OverlayWrites {
  setAlias(name: string, alias: string, version: string): void;
  deleteAlias(name: string, alias: string): void;
  renameRun(runId: string, name: string): void;
  setRunTag(runId: string, key: string, value: string): void;
  deleteRunTag(runId: string, key: string): void;
  setRunDeleted(runId: string, deleted: boolean): void;
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

  const aliasMap = (model: string, base: ReadonlyArray<{ alias: string; version: string }>): Array<{ alias: string; version: string }> => {
    const out = new Map(base.map((a) => [a.alias, a.version]));
    for (const [alias, version] of aliases.get(model) ?? []) {
      if (version === undefined) {
        out.delete(alias);
      } else {
        out.set(alias, version);
      }
    }
    return [...out].map(([alias, version]) => ({ alias, version })).sort((a, b) => a.alias.localeCompare(b.alias));
  };
  const version = (v: ModelVersion, modelAliases?: ReadonlyArray<{ alias: string; version: string }>): ModelVersion => {
    const all = aliasMap(v.name, modelAliases ?? v.aliases.map((alias) => ({ alias, version: v.version })));
    return { ...v, aliases: all.filter((a) => a.version === v.version).map((a) => a.alias) };
  };
  const model = (m: RegisteredModel): RegisteredModel => ({ ...m, aliases: aliasMap(m.name, m.aliases), latestVersions: m.latestVersions.map((v) => version(v, m.aliases)) });
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
      info: { ...r.info, runName: name ?? r.info.runName, lifecycleStage: lifecycle.get(id) ?? r.info.lifecycleStage },
      data: { ...r.data, tags: [...runTags].map(([key, value]) => ({ key, value })) },
    };
  };
  const inView = (r: Run, view: string | undefined): boolean => (view === 'ALL' ? true : view === 'DELETED_ONLY' ? r.info.lifecycleStage === 'deleted' : r.info.lifecycleStage !== 'deleted');
  const mapPage = <T>(p: Page<T>, f: (x: T) => T): Page<T> => ({ ...p, items: p.items.map(f) });

  const overTracking: TrackingStore = {
    kind: tracking.kind,
    searchExperiments: (r) => tracking.searchExperiments(r),
    getExperiment: (id, o) => tracking.getExperiment(id, o),
    getExperimentByName: (n, o) => tracking.getExperimentByName(n, o),
    // Deleting changes which runs a view shows, so searches ask for all and filter here.
    searchRuns: async (r) => {
      const page = await tracking.searchRuns({ ...r, runViewType: lifecycle.size === 0 ? r.runViewType : 'ALL' });
      return { ...page, items: page.items.map(run).filter((x) => lifecycle.size === 0 || inView(x, r.runViewType)) };
    },
    getRun: async (id, o) => run(await tracking.getRun(id, o)),
    getMetricHistory: (r) => tracking.getMetricHistory(r),
    getSampledMetricHistory: (r) => tracking.getSampledMetricHistory(r),
    listArtifacts: (r) => tracking.listArtifacts(r),
    readArtifact: (r) => tracking.readArtifact(r),
    searchLoggedModels: (r) => tracking.searchLoggedModels(r),
    dispose: () => { tracking.dispose(); },
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
    getModelVersion: async (n, v, o) => version(await registry.getModelVersion(n, v, o), (await registry.getRegisteredModel(n, o)).aliases),
    getModelVersionByAlias: async (n, a, o) => {
      const holder = aliasMap(n, (await registry.getRegisteredModel(n, o)).aliases).find((x) => x.alias === a);
      if (holder === undefined) {
        throw new StoreError('api', `Registered model alias ${a} not found.`, { errorCode: 'INVALID_PARAMETER_VALUE', status: 400 });
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
    },
  };
}
