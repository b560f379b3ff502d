// Test data generator — not MLflow. Copies a real MLflow mlflow.db and adds one experiment with
// many generated runs (params, latest metrics, tags), written exactly as MLflow's SQLAlchemy store
// lays rows out, so paging and benchmarks run against realistic tables. Optionally adds runs with
// hostile names and values for the "nothing from the server is rendered as markup" tests.
import * as fs from 'node:fs';
import initSqlJs from 'sql.js';

export interface GeneratedRunsDb {
  readonly experimentId: string;
  readonly experimentName: string;
  /** Ids of the generated runs, newest first (the order MLflow lists them in). */
  readonly runIds: readonly string[];
}

export interface GenerateOptions {
  readonly runs: number;
  readonly name?: string;
  /** Add 3 runs named with markup, control characters and a 1 MB tag value. */
  readonly hostile?: boolean;
  /**
   * Add one run per entry of HOSTILE_STRINGS, named with it and carrying it as a param key, a
   * param value, a tag key and a tag value (after the `hostile` runs, so those keep their places).
   */
  readonly hostileKeys?: boolean;
  /** Metric history per run (beyond `accuracy`): `keys` metrics of `steps` steps each, to grow the file. */
  readonly history?: { readonly keys: number; readonly steps: number };
  /** Hex prefix of the run ids (default `ab`): another to add a second experiment to the same file. */
  readonly idPrefix?: string;
}

/** The names the hostile runs get. */
export const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  'line\nbreak\u0007bell',
  `[click](command:workbench.action.quit) ${'x'.repeat(300)}`,
];

/**
 * Payloads for keys as much as names and values: markup, a Markdown command link, every C0
 * control character, a right-to-left override and a 1 MB string.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  `ctl${Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('')}end`,
  'invoice\u202egpj.exe',
  `big${'k'.repeat(1024 * 1024)}`,
];

function hex(n: number, salt: string): string {
  return (salt + n.toString(16).padStart(32 - salt.length, '0')).slice(0, 32);
}

/** Write `outPath`: `basePath` plus a generated experiment. */
export async function generateRunsDb(
  basePath: string,
  outPath: string,
  options: GenerateOptions,
): Promise<GeneratedRunsDb> {
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database(fs.readFileSync(basePath));
  try {
    const maxId = Number(db.exec('SELECT MAX(experiment_id) FROM experiments')[0]?.values[0]?.[0] ?? 0);
    const experimentId = maxId + 1;
    const name = options.name ?? `generated-${options.runs}-runs`;
    const t0 = Date.UTC(2026, 10, 1);
    db.run(
      'INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?)',
      [experimentId, name, `mlflow-artifacts:/${experimentId}`, 'active', t0, t0],
    );
    const runIds: string[] = [];
    db.run('BEGIN');
    const insertRun = db.prepare(
      'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertParam = db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)');
    const insertMetric = db.prepare(
      'INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertLatest = db.prepare(
      'INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertTag = db.prepare('INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)');
    const hostileNames = options.hostile === true ? HOSTILE_NAMES : [];
    const hostileKeys = options.hostileKeys === true ? HOSTILE_STRINGS : [];
    const total = options.runs + hostileNames.length + hostileKeys.length;
    for (let i = 0; i < total; i++) {
      const id = hex(i, options.idPrefix ?? 'ab');
      const hostile =
        i >= options.runs
          ? (hostileNames[i - options.runs] ?? hostileKeys[i - options.runs - hostileNames.length])
          : undefined;
      const runName = hostile ?? `gen-${String(i).padStart(5, '0')}`;
      const start = t0 + i * 60_000;
      insertRun.run([
        id,
        runName,
        'LOCAL',
        'train.py',
        '',
        'generator',
        i % 50 === 7 ? 'FAILED' : 'FINISHED',
        start,
        start + 30_000 + (i % 13) * 1000,
        '',
        'active',
        `mlflow-artifacts:/${experimentId}/${id}/artifacts`,
        experimentId,
        null,
      ]);
      insertParam.run(['lr', String(0.001 * ((i % 10) + 1)), id]);
      insertParam.run(['model', i % 2 === 0 ? 'rf' : 'logreg', id]);
      const acc = 0.5 + ((i * 7919) % 500) / 1000;
      insertMetric.run(['accuracy', acc, start + 30_000, id, 0, 0]);
      insertLatest.run(['accuracy', acc, start + 30_000, 0, 0, id]);
      insertTag.run(['mlflow.runName', runName, id]);
      insertTag.run([
        'team',
        hostile === undefined
          ? 'vision'
          : hostile === HOSTILE_NAMES[0]
            ? 'x'.repeat(1024 * 1024)
            : '<script>alert(1)</script>',
        id,
      ]);
      if (hostile !== undefined && hostileKeys.includes(hostile)) {
        insertParam.run([hostile, hostile, id]);
        insertTag.run([hostile, hostile, id]);
      }
      for (let k = 0; k < (options.history?.keys ?? 0); k++) {
        const key = `loss_${String(k)}`;
        const steps = options.history?.steps ?? 0;
        for (let step = 0; step < steps; step++) {
          insertMetric.run([key, 1 / (step + k + 1), start + step * 100, id, step, 0]);
        }
        insertLatest.run([key, 1 / (steps + k), start + (steps - 1) * 100, steps - 1, 0, id]);
      }
      runIds.push(id);
    }
    for (const s of [insertRun, insertParam, insertMetric, insertLatest, insertTag]) {
      s.free();
    }
    db.run('COMMIT');
    fs.writeFileSync(outPath, db.export());
    return { experimentId: String(experimentId), experimentName: name, runIds: runIds.reverse() };
  } finally {
    db.close();
  }
}
