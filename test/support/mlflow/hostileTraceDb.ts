// Test support, not product code: a copy of a recorded MLflow 3 `mlflow.db` with one more trace
// whose every string a server or an agent controls is hostile (markup, a Markdown command link,
// control characters, bidi overrides, 1 MB strings). Its rows follow the shapes the recorded
// 3.11.1 store holds (trace_info, trace_tags, trace_request_metadata, spans with OTLP content),
// so the product reads it like any other trace.
import * as fs from 'node:fs';
import initSqlJs from 'sql.js';
import { HOSTILE_STRINGS } from './generateRunsDb';

/** The hostile trace's id (MLflow 3 shape: tr- and 32 hex digits). */
export const HOSTILE_TRACE_ID = 'tr-0badc0de0badc0de0badc0de0badc0de';

/** A string of about 1 MB, the longest a span input or output gets here. */
export const MEGABYTE_TEXT = `start ${'lorem ipsum '.repeat(87_382)}end`;

export interface HostileTraceDb {
  readonly path: string;
  readonly traceId: string;
  readonly spanCount: number;
}

const T0 = 1_796_161_500_000_000_000n;

function spanId(i: number): string {
  return (0xbad0000000000000n + BigInt(i)).toString(16).padStart(16, '0');
}

function b64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** MLflow stores each span attribute value as JSON text. */
function attr(v: unknown): string {
  return JSON.stringify(v);
}

function spanContent(i: number, parent: string | undefined, name: string, payload: unknown): string {
  const start = T0 + BigInt(i) * 1_000_000n;
  const end = start + 500_000n;
  // Numbers past 2^53 are written as digits, as MLflow writes them.
  return JSON.stringify({
    trace_id: b64(HOSTILE_TRACE_ID.slice(3)),
    span_id: b64(spanId(i)),
    parent_span_id: parent === undefined ? null : b64(parent),
    name,
    start_time_unix_nano: '__START__',
    end_time_unix_nano: '__END__',
    events: [
      {
        name: 'exception',
        time_unix_nano: '__START__',
        attributes: { 'exception.message': name, 'exception.stacktrace': `Traceback\n  ${name}` },
      },
    ],
    status: { code: i === 1 ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK', message: name },
    attributes: {
      'mlflow.traceRequestId': attr(HOSTILE_TRACE_ID),
      'mlflow.spanType': attr(i === 0 ? 'AGENT' : 'CHAT_MODEL'),
      'mlflow.spanInputs': attr(payload),
      'mlflow.spanOutputs': attr(payload),
      [name]: attr(name),
    },
  })
    .replace('"__START__"', start.toString())
    .replace('"__END__"', end.toString())
    .replace('"__START__"', start.toString());
}

/**
 * Write `outPath`: `basePath` (a recorded 3.11.1 mlflow.db) plus the hostile trace in
 * `experimentId`: a root AGENT span and one CHAT_MODEL span per hostile string, whose name,
 * attribute key, status message, exception and inputs/outputs (chat messages and plain) carry it.
 */
export async function writeHostileTraceDb(
  basePath: string,
  outPath: string,
  experimentId: number,
): Promise<HostileTraceDb> {
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database(fs.readFileSync(basePath));
  try {
    const strings = [...HOSTILE_STRINGS, MEGABYTE_TEXT];
    const preview = strings.join(' ').slice(0, 1000);
    db.run(
      `INSERT INTO trace_info (request_id, experiment_id, timestamp_ms, execution_time_ms, status,
         request_preview, response_preview) VALUES (?, ?, ?, ?, 'ERROR', ?, ?)`,
      [HOSTILE_TRACE_ID, experimentId, Number(T0 / 1_000_000n), strings.length + 1, preview, preview],
    );
    const tags: Array<[string, string]> = [
      ['mlflow.traceName', HOSTILE_STRINGS[0] ?? ''],
      ['mlflow.trace.spansLocation', 'TRACKING_STORE'],
      ...HOSTILE_STRINGS.map((s, i): [string, string] => [`hostile.${String(i)}`, s.slice(0, 8000)]),
    ];
    for (const [key, value] of tags) {
      db.run('INSERT INTO trace_tags (key, value, request_id) VALUES (?, ?, ?)', [
        key,
        value,
        HOSTILE_TRACE_ID,
      ]);
    }
    const metadata: Array<[string, string]> = [
      ['mlflow.trace_schema.version', '3'],
      ['mlflow.trace.session', HOSTILE_STRINGS[1] ?? ''],
      ['mlflow.trace.user', HOSTILE_STRINGS[4] ?? ''],
    ];
    for (const [key, value] of metadata) {
      db.run('INSERT INTO trace_request_metadata (key, value, request_id) VALUES (?, ?, ?)', [
        key,
        value,
        HOSTILE_TRACE_ID,
      ]);
    }
    const root = spanId(0);
    const spans: Array<[string | undefined, string, unknown]> = [
      [undefined, HOSTILE_STRINGS[0] ?? 'root', { question: HOSTILE_STRINGS.join('\n') }],
      ...strings.map((s, i): [string, string, unknown] => [
        root,
        s.length > 200 ? `span-${String(i)}-${s.slice(0, 40)}` : s,
        i % 2 === 0 ? { messages: [{ role: 'user', content: s }] } : s,
      ]),
    ];
    spans.forEach(([parent, name, payload], i) => {
      const start = T0 + BigInt(i) * 1_000_000n;
      db.run(
        `INSERT INTO spans (trace_id, experiment_id, span_id, parent_span_id, name, type, status,
           start_time_unix_nano, end_time_unix_nano, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          HOSTILE_TRACE_ID,
          experimentId,
          spanId(i),
          parent ?? null,
          name,
          i === 0 ? 'AGENT' : 'CHAT_MODEL',
          i === 1 ? 'ERROR' : 'OK',
          // sql.js binds numbers as doubles: the exact nanoseconds go in as text, then as integers.
          start.toString(),
          (start + 500_000n).toString(),
          spanContent(i, parent, name, payload),
        ],
      );
    });
    db.run(
      `UPDATE spans SET start_time_unix_nano = CAST(start_time_unix_nano AS INTEGER),
         end_time_unix_nano = CAST(end_time_unix_nano AS INTEGER) WHERE trace_id = ?`,
      [HOSTILE_TRACE_ID],
    );
    fs.writeFileSync(outPath, db.export());
    return { path: outPath, traceId: HOSTILE_TRACE_ID, spanCount: spans.length };
  } finally {
    db.close();
  }
}
