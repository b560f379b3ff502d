// `npm run inspect -- --tracking-uri URI [--experiment NAME] [--logged-models] [--traces] [--prompts] [--json]`: print what the
// explorer will show for a tracking URI (experiments, newest runs with key metrics, registered
// models with versions and aliases; with --logged-models, each experiment's MLflow 3 logged models; with --traces, every trace of each experiment; with --prompts, the prompt registry). Answers "why don't I see my runs" without VS Code, and feeds benchmarks.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { parseTrackingUri, redactUri } from '../src/core/connection/trackingUri';
import { StoreError } from '../src/core/common/storeError';
import { resolveCredentials } from '../src/core/tracking/rest/hostCredentials';
import { loadCredentialsFile } from '../src/core/tracking/rest/loadCredentialsFile';
import { tlsOptionsFromEnv } from '../src/core/tracking/rest/tlsOptionsFromEnv';
import { openStores, type Stores } from '../src/core/stores/openStores';
import { openTraceStore } from '../src/core/stores/openTraceStore';
import { collectTraceOverview } from '../src/core/traces/collectTraceOverview';
import type { TraceStore } from '../src/core/traces/traceStore';
import { formatTraceOverview } from './inspectTraces';
import { formatPromptOverview } from './inspectPrompts';
import { collectPromptOverview } from '../src/core/prompts/promptOverview';
import {
  collectOverview,
  type ExperimentOverview,
  type StoreOverview,
} from '../src/core/stores/storeOverview';
import type { Run } from '../src/core/tracking/entities/run';
import { safeForTerminal as safe } from '../src/core/common/safeForTerminal';

/** Parsed command line. */
export interface InspectArgs {
  readonly trackingUri: string;
  readonly experiment: string | undefined;
  readonly json: boolean;
  /** List traces instead of runs and models (present only when asked). */
  readonly traces?: true;
  /** List the prompt registry instead of runs and models (present only when asked). */
  readonly prompts?: true;
  /** Also list each experiment's logged models (present only when asked). */
  readonly loggedModels?: true;
}

const USAGE =
  'usage: npm run inspect -- --tracking-uri URI [--experiment NAME] [--logged-models] [--traces] [--prompts] [--json]\n';

const HELP = `Print what the MLflow explorer shows for a tracking URI: experiments, their newest runs with key
metrics, registered models with versions and aliases.

${USAGE}
  --tracking-uri URI   http(s)://host[:port][/prefix], sqlite:///path/mlflow.db, file:///path/mlruns
                       or a plain path (default: MLFLOW_TRACKING_URI)
  --experiment NAME    only this experiment
  --logged-models      also each experiment's MLflow 3 logged models (id, name, status, source
                       run; up to 100 each). Not in the default output: it costs one more request
                       per experiment, and servers before 3.0 have no logged models to list
  --traces             every trace of each experiment instead (id, state, name, span count)
  --prompts            the prompt registry instead: prompts with their aliases, versions with
                       type, aliases, commit message and {{variables}} (with --json: templates,
                       model config and response format too)
  --json               the same as JSON (NaN and infinities as MLflow writes them)
  -h, --help           this text
`;

/** Parse argv (without node and script); returns an error message for bad usage. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): InspectArgs | string {
  let trackingUri = env.MLFLOW_TRACKING_URI;
  let experiment: string | undefined;
  let json = false;
  let traces = false;
  let prompts = false;
  let loggedModels = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') {
      json = true;
    } else if (a === '--traces') {
      traces = true;
    } else if (a === '--prompts') {
      prompts = true;
    } else if (a === '--logged-models') {
      loggedModels = true;
    } else if (a === '--tracking-uri' || a === '--experiment') {
      const v = argv[++i];
      if (v === undefined) {
        return `${a} needs a value`;
      }
      if (a === '--tracking-uri') {
        trackingUri = v;
      } else {
        experiment = v;
      }
    } else {
      return `unknown argument ${String(a)}`;
    }
  }
  return trackingUri === undefined || trackingUri === ''
    ? 'give --tracking-uri URI (or set MLFLOW_TRACKING_URI)'
    : {
        trackingUri,
        experiment,
        json,
        ...(traces ? { traces: true as const } : {}),
        ...(prompts ? { prompts: true as const } : {}),
        ...(loggedModels ? { loggedModels: true as const } : {}),
      };
}

/** JSON has no NaN/Infinity: write them as MLflow's REST API does, as strings. */
function jsonNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value)
    ? Number.isNaN(value)
      ? 'NaN'
      : value > 0
        ? 'Infinity'
        : '-Infinity'
    : value;
}

function keyMetrics(run: Run): string {
  return [...run.data.metrics]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .slice(0, 3)
    .map((m) => `${safe(m.key)}=${Number.isInteger(m.value) ? String(m.value) : m.value.toPrecision(4)}`)
    .join(' ');
}

/** The logged-models lines of one experiment (none unless --logged-models asked for them). */
function loggedModelLines(e: ExperimentOverview): string[] {
  const lm = e.loggedModels;
  if (lm === undefined) {
    return [];
  }
  if (lm.error !== undefined) {
    return [`    logged models: unavailable (${safe(lm.error, 1000)})`];
  }
  return [
    `    logged models (${lm.models.length}${lm.more ? '+' : ''})`,
    ...lm.models.map((m) =>
      `      ${safe(m.modelId)}  ${safe(m.name)}  ${safe(m.status ?? '-')}  run ${safe(m.sourceRunId ?? '-')}`.trimEnd(),
    ),
  ];
}

/**
 * The human-readable report. Every string in it comes from the store (a server, or files anyone
 * may have written), so each goes through {@link safe}: a run named with escape sequences must not
 * recolour, retitle or rewrite the user's terminal, and a 1 MB name must not flood it.
 */
export function formatOverview(o: StoreOverview): string {
  const lines: string[] = [];
  lines.push(`Experiments (${o.experiments.length})`);
  for (const e of o.experiments) {
    lines.push(
      `  ${safe(e.experiment.name)} [${safe(e.experiment.experimentId)}]${e.runs.length === 0 ? ' (no runs)' : ''}`,
    );
    for (const r of e.runs) {
      lines.push(
        `    ${safe(r.info.runName ?? r.info.runId)}  ${safe(r.info.runId)}  ${safe(r.info.status)}  ${keyMetrics(r)}`.trimEnd(),
      );
    }
    if (e.moreRuns) {
      lines.push('    … more runs');
    }
    lines.push(...loggedModelLines(e));
  }
  lines.push(
    o.modelsError === undefined
      ? `Registered models (${o.models.length})`
      : `Registered models: unavailable (${safe(o.modelsError, 1000)})`,
  );
  for (const { model, versions } of o.models) {
    const aliases = model.aliases.map((a) => `@${safe(a.alias)}→v${safe(a.version)}`).join(' ');
    lines.push(`  ${safe(model.name)}${aliases === '' ? '' : `  ${aliases}`}`);
    for (const v of versions) {
      const parts = [`v${v.version}`, v.currentStage, v.status, `run ${v.runId ?? '-'}`].filter(
        (p): p is string => p !== undefined && p !== '',
      );
      lines.push(`    ${parts.map((p) => safe(p)).join('  ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Run the CLI; returns the exit code. Output goes through `write` so tests can capture it. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void,
  cwd = process.cwd(),
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    write(HELP);
    return 0;
  }
  const args = parseArgs(argv, env);
  if (typeof args === 'string') {
    write(`inspect: ${args}\n${USAGE}`);
    return 2;
  }
  const parsed = parseTrackingUri(args.trackingUri, cwd);
  if (!parsed.ok) {
    write(`inspect: ${parsed.error}\n`);
    return 2;
  }
  // Opening is inside the try: a corrupt mlflow.db or a bad TLS variable is reported like any other failure.
  let stores: Stores | undefined;
  let traceStore: TraceStore | undefined;
  try {
    const credentials = resolveCredentials(env, await loadCredentialsFile(os.homedir()));
    stores = await openStores(parsed.target, {
      rest: { credentials: () => credentials, tls: tlsOptionsFromEnv(env, (p) => readFileSync(p)) },
    });
    if (args.prompts === true) {
      const found = await collectPromptOverview(stores.registry);
      write(
        args.json
          ? `${JSON.stringify({ trackingUri: redactUri(args.trackingUri), ...found }, jsonNumber, 2)}\n`
          : `${safe(parsed.target.display, 1000)}\n${formatPromptOverview(found)}`,
      );
      return 0;
    }
    if (args.traces === true) {
      traceStore = await openTraceStore(parsed.target, {
        rest: { credentials: () => credentials, tls: tlsOptionsFromEnv(env, (p) => readFileSync(p)) },
      });
      const found = await collectTraceOverview(
        stores.tracking,
        traceStore,
        args.experiment === undefined ? {} : { experimentName: args.experiment },
      );
      write(
        args.json
          ? `${JSON.stringify({ trackingUri: redactUri(args.trackingUri), ...found }, jsonNumber, 2)}\n`
          : `${safe(parsed.target.display, 1000)}\n${formatTraceOverview(found)}`,
      );
      return 0;
    }
    const overview = await collectOverview(stores.tracking, stores.registry, {
      ...(args.experiment === undefined ? {} : { experimentName: args.experiment }),
      loggedModels: args.loggedModels === true,
    });
    write(
      args.json
        ? `${JSON.stringify({ trackingUri: redactUri(args.trackingUri), ...overview }, jsonNumber, 2)}\n`
        : `${safe(parsed.target.display, 1000)}\n${formatOverview(overview)}`,
    );
    return 0;
  } catch (err: unknown) {
    // Error messages may quote the server's answer.
    write(`inspect: ${safe(StoreError.is(err) || err instanceof Error ? err.message : String(err), 1000)}\n`);
    return 1;
  } finally {
    traceStore?.dispose();
    stores?.dispose();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env, (t) => process.stdout.write(t)).then((code) => {
    process.exitCode = code;
  });
}
