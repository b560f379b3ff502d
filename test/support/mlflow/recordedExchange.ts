// Test support: reads the request/response pairs recorded against real MLflow 2.17.2 and 3.11.1
// servers (test/fixtures/mlflow-<version>/rest*/NNN-name.json). Not product code.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Root of the recorded MLflow 2.17.2 fixtures. */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/mlflow-2.17.2');

/** Root of the recorded MLflow 3.11.1 fixtures (a subset of `../shared/fixtures/mlflow-3.11.1`). */
export const FIXTURES_3 = path.resolve(__dirname, '../../fixtures/mlflow-3.11.1');

/** One recorded exchange, as stored in the fixture files. */
export interface RecordedExchange {
  readonly name: string;
  readonly file: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query: ReadonlyArray<readonly [string, string | number]>;
    readonly body: unknown;
    /** Extra request headers, as `Name: value` (only where the request sent some, e.g. X-MLFLOW-WORKSPACE). */
    readonly headers?: readonly string[];
  };
  readonly response: {
    readonly status: number;
    readonly contentType: string;
    /** The body exactly as the server sent it (JSON re-serialised, or the text). */
    readonly text: string;
    readonly json: unknown;
  };
}

/**
 * Load `<folder>/<file>` where folder is `rest`, `rest-filestore`, …; file may be just its number
 * prefix. `root` picks the recording (2.17.2 unless told).
 */
export function loadExchange(folder: string, file: string, root: string = FIXTURES): RecordedExchange {
  const dir = path.join(root, folder);
  const name = fs.readdirSync(dir).find((f) => f === file || f.startsWith(`${file}-`));
  if (name === undefined) {
    throw new Error(`No fixture ${file} in ${folder}`);
  }
  const raw = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as {
    name: string;
    request: {
      method: string;
      path: string;
      query: Array<[string, string | number]>;
      body: unknown;
      headers?: string[];
    };
    response: { status: number; content_type: string; body_kind: string; body: unknown };
  };
  const text =
    raw.response.body_kind === 'json' ? JSON.stringify(raw.response.body) : String(raw.response.body);
  return {
    name: raw.name,
    file: name,
    request: raw.request,
    response: {
      status: raw.response.status,
      contentType: raw.response.content_type,
      text,
      json: raw.response.body_kind === 'json' ? raw.response.body : undefined,
    },
  };
}

/** Load a `rest-special-values` pair, which keeps the server's exact `raw_body` text. */
export function loadSpecialValue(backend: 'sqlite' | 'file', name: string): { url: string; text: string } {
  const raw = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'rest-special-values', backend, `${name}.json`), 'utf8'),
  ) as {
    request: { url: string };
    response: { raw_body: string };
  };
  return { url: raw.request.url, text: raw.response.raw_body };
}
