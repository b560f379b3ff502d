import { scanPython, type ScannedPython, type StringLiteral } from './pythonScan';

/** The MLflow calls a training script makes that the editor puts a lens above. */
export type MlflowCallKind = 'setExperiment' | 'startRun' | 'autolog' | 'logMetric' | 'logMetrics';

/** One call found in Python source. */
export interface MlflowCall {
  readonly kind: MlflowCallKind;
  /** Offset of the call's first character (the module alias or function name). */
  readonly offset: number;
  /** The experiment name (`set_experiment`), or a metric key (`log_metric`, one per key of `log_metrics`). */
  readonly name?: string;
  /** `start_run(experiment_id="…")`, when given as a literal. */
  readonly experimentId?: string;
  /** Offset of the metric key's literal, so each key of a `log_metrics({...})` has its own line. */
  readonly nameOffset?: number;
}

/** Calls parsed at most this far into a call's arguments (a pathological file cannot stall the parse). */
const MAX_ARGS = 20_000;

const FUNCTIONS: Record<string, MlflowCallKind> = {
  set_experiment: 'setExperiment',
  start_run: 'startRun',
  autolog: 'autolog',
  log_metric: 'logMetric',
  log_metrics: 'logMetrics',
};

/**
 * The MLflow calls of a Python file or notebook cell: `mlflow.set_experiment("…")`,
 * `mlflow.start_run(…)`, `mlflow.autolog()` and `mlflow.<flavor>.autolog()`,
 * `mlflow.log_metric("key", …)` and the literal keys of `mlflow.log_metrics({...})`. The module
 * may be imported under another name (`import mlflow as mf`), and the functions imported by name
 * (`from mlflow import log_metric`). Pure and linear in the file's length.
 */
export function findMlflowCalls(source: string): MlflowCall[] {
  const scanned = scanPython(source);
  const { code } = scanned;
  const aliases = moduleAliases(code);
  const direct = importedFunctions(code);
  if (aliases.length === 0 && direct.length === 0) {
    return [];
  }
  const alternatives = [
    ...aliases.map((a) => `${escape(a)}\\s*\\.\\s*(?:[A-Za-z_]\\w*\\s*\\.\\s*)?`),
    ...(direct.length > 0 ? [`(?=(?:${direct.map(escape).join('|')})\\b)`] : []),
  ];
  const pattern = new RegExp(
    `(?<![\\w.])(?:${alternatives.join('|')})(set_experiment|start_run|autolog|log_metrics|log_metric)\\s*\\(`,
    'g',
  );
  const calls: MlflowCall[] = [];
  for (const m of code.matchAll(pattern)) {
    const kind = FUNCTIONS[m[1] ?? ''];
    const open = m.index + m[0].length - 1;
    // `mlflow.sklearn.autolog` is a flavor's autolog; `mlflow.sklearn.log_metric` is not MLflow's.
    const qualified = /\.\s*[A-Za-z_]\w*\s*\.\s*\w+\s*\($/.test(m[0]);
    if (kind === undefined || (qualified && kind !== 'autolog')) {
      continue;
    }
    calls.push(...callsAt(scanned, kind, m.index, open));
  }
  return calls;
}

function callsAt(scanned: ScannedPython, kind: MlflowCallKind, offset: number, open: number): MlflowCall[] {
  const args = argumentsOf(scanned, open);
  switch (kind) {
    case 'setExperiment': {
      const name = args.first ?? args.keyword('experiment_name');
      return [{ kind, offset, ...(name?.value !== undefined ? { name: name.value } : {}) }];
    }
    case 'startRun': {
      const id = args.keyword('experiment_id');
      return [{ kind, offset, ...(id?.value !== undefined ? { experimentId: id.value } : {}) }];
    }
    case 'logMetric': {
      const key = args.first ?? args.keyword('key');
      return key?.value === undefined ? [] : [{ kind, offset, name: key.value, nameOffset: key.start }];
    }
    case 'logMetrics':
      return dictKeys(scanned, open, args.end).map((k) => ({
        kind,
        offset,
        name: k.value ?? '',
        nameOffset: k.start,
      }));
    default:
      return [{ kind, offset }];
  }
}

interface Arguments {
  /** The first positional argument when it is a string literal. */
  readonly first: StringLiteral | undefined;
  readonly keyword: (name: string) => StringLiteral | undefined;
  /** Offset of the closing parenthesis (or where the search gave up). */
  readonly end: number;
}

function argumentsOf({ code, stringAt }: ScannedPython, open: number): Arguments {
  const limit = Math.min(code.length, open + MAX_ARGS);
  let depth = 0;
  let end = limit;
  for (let i = open; i < limit; i++) {
    const ch = code.charAt(i);
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    }
  }
  const literalAt = (offset: number): StringLiteral | undefined => {
    const at = skipSpace(code, offset);
    return stringAt.get(at);
  };
  const first = literalAt(open + 1);
  return {
    first: first !== undefined && /^\s*[,)]/.test(code.slice(first.end, first.end + 200)) ? first : undefined,
    keyword: (name) => {
      const kw = new RegExp(`[(,]\\s*${name}\\s*=\\s*`, 'y');
      for (let i = open; i < end; i++) {
        kw.lastIndex = i;
        const m = kw.exec(code);
        if (m !== null) {
          return literalAt(i + m[0].length);
        }
      }
      return undefined;
    },
    end,
  };
}

/** String literal keys of the dict literal that is the call's first argument. */
function dictKeys({ code, stringAt }: ScannedPython, open: number, end: number): StringLiteral[] {
  const brace = skipSpace(code, open + 1);
  if (code.charAt(brace) !== '{') {
    return [];
  }
  const keys: StringLiteral[] = [];
  let depth = 0;
  let expectKey = true;
  for (let i = brace; i < end && depth >= 0; i++) {
    const ch = code.charAt(i);
    const step = bracketStep(ch);
    if (step !== 0) {
      depth += step;
      expectKey ||= depth === 1;
      if (depth === 0) {
        break;
      }
    } else if (depth === 1 && ch === ',') {
      expectKey = true;
    } else if (depth === 1 && expectKey && !/\s/.test(ch)) {
      const literal = stringAt.get(i);
      if (literal !== undefined && /^\s*:/.test(code.slice(literal.end, literal.end + 200))) {
        if (literal.value !== undefined) {
          keys.push(literal);
        }
        i = literal.end - 1;
      }
      expectKey = false;
    }
  }
  return keys;
}

function bracketStep(ch: string): number {
  return '{[('.includes(ch) ? 1 : '}])'.includes(ch) ? -1 : 0;
}

function skipSpace(code: string, from: number): number {
  let i = from;
  while (i < code.length && /\s/.test(code.charAt(i))) {
    i++;
  }
  return i;
}

/** Names the `mlflow` module is bound to: `import mlflow`, `import mlflow as mf`. */
function moduleAliases(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*import[ \t]+([^\n]+)/gm)) {
    for (const part of (m[1] ?? '').split(',')) {
      const bound = /^\s*mlflow\s*(?:as\s+([A-Za-z_]\w*))?\s*$/.exec(part);
      if (bound !== null) {
        names.add(bound[1] ?? 'mlflow');
      }
    }
  }
  return [...names];
}

/** Functions imported by name: `from mlflow import log_metric, set_experiment as se` (not renamed ones). */
function importedFunctions(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*from[ \t]+mlflow[ \t]+import[ \t]+\(?([^\n)]+)/gm)) {
    for (const part of (m[1] ?? '').split(',')) {
      const name = part.trim();
      if (name in FUNCTIONS) {
        names.add(name);
      }
    }
  }
  return [...names];
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
