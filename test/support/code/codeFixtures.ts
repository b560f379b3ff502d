import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A real git repository made for a test: each commit's hash, in order. */
export interface TestRepository {
  readonly root: string;
  readonly commits: readonly string[];
}

/**
 * `git init` in `root` and one commit per entry of `versions` (file path → content), with a fixed
 * identity and dates so nothing depends on the machine's git config.
 */
export function makeGitRepository(root: string, versions: readonly Record<string, string>[]): TestRepository {
  fs.mkdirSync(root, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  const run = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim();
  run('init', '-q', '-b', 'main');
  const commits: string[] = [];
  versions.forEach((files, i) => {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    run('add', '-A');
    run('commit', '-q', '-m', `version ${String(i + 1)}`, '--date', `2026-01-0${String(i + 1)}T00:00:00Z`);
    commits.push(run('rev-parse', 'HEAD'));
  });
  return { root, commits };
}

/** One run of {@link writeFileStore}: its tags and latest metric values. */
export interface TestRun {
  readonly runId: string;
  readonly name: string;
  readonly startTime: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly status?: 'FINISHED' | 'FAILED' | 'RUNNING';
}

const STATUS = { RUNNING: 1, FINISHED: 3, FAILED: 4 } as const;

/** Write an MLflow file store (`mlruns/`) with one experiment holding `runs`, as MLflow lays it out. */
export function writeFileStore(
  mlruns: string,
  experimentId: string,
  name: string,
  runs: readonly TestRun[],
): void {
  const exp = path.join(mlruns, experimentId);
  fs.mkdirSync(exp, { recursive: true });
  fs.writeFileSync(
    path.join(exp, 'meta.yaml'),
    `artifact_location: file://${exp}\ncreation_time: 1767225600000\nexperiment_id: '${experimentId}'\nlast_update_time: 1767225600000\nlifecycle_stage: active\nname: ${name}\n`,
  );
  for (const r of runs) {
    const dir = path.join(exp, r.runId);
    fs.mkdirSync(path.join(dir, 'tags'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'metrics'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'params'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'meta.yaml'),
      [
        `artifact_uri: file://${dir}/artifacts`,
        // A running run has no end yet (MLflow writes null).
        `end_time: ${r.status === 'RUNNING' ? 'null' : String(r.startTime + 1000)}`,
        `experiment_id: '${experimentId}'`,
        'lifecycle_stage: active',
        `run_id: ${r.runId}`,
        `run_name: ${r.name}`,
        `run_uuid: ${r.runId}`,
        `start_time: ${String(r.startTime)}`,
        `status: ${String(STATUS[r.status ?? 'FINISHED'])}`,
        'user_id: test',
        '',
      ].join('\n'),
    );
    for (const [key, value] of Object.entries({ 'mlflow.runName': r.name, ...r.tags })) {
      fs.writeFileSync(path.join(dir, 'tags', key), value);
    }
    for (const [key, value] of Object.entries(r.metrics ?? {})) {
      fs.writeFileSync(path.join(dir, 'metrics', key), `${String(r.startTime + 10)} ${String(value)} 0\n`);
    }
  }
}
