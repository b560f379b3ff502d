// TEST DOUBLE support, NOT MLflow — shared by the `python` and `gunicorn` stand-ins beside this
// file: which recorded `mlflow models serve` session (test/fixtures/mlflow-2.17.2/serve) a model
// URI replays, and which recorded answer a request gets.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by the node scripts beside it */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FIXTURES = path.resolve(__dirname, '../../fixtures/mlflow-2.17.2');

/** Pick the recorded session: the one served from this model URI, else by the model's folder name. */
function sessionFor(modelUri) {
  const dir = path.join(FIXTURES, 'serve');
  for (const s of fs.readdirSync(dir)) {
    const info = JSON.parse(fs.readFileSync(path.join(dir, s, '_serve-info.json'), 'utf8'));
    if (info.model_uri === modelUri) {
      return path.join(dir, s);
    }
  }
  const base = path.basename(modelUri).toLowerCase();
  return path.join(dir, base.includes('wine') ? 'pyfunc-wine' : 'sklearn-rf-iris');
}

function exchanges(sessionDir) {
  return fs
    .readdirSync(sessionDir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(sessionDir, f), 'utf8')));
}

function match(recorded, req, rawBody) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  for (const ex of recorded) {
    const r = ex.request;
    if (r.method !== req.method || r.path !== req.url) {
      continue;
    }
    if (req.method === 'GET') {
      return ex.response;
    }
    const recordedType = (r.headers?.['Content-Type'] ?? '').split(';')[0].trim();
    if (recordedType !== type) {
      continue;
    }
    const same = typeof r.body === 'string' ? r.body === rawBody : safeEqual(r.body, rawBody);
    if (same) {
      return ex.response;
    }
  }
  if (
    req.method === 'POST' &&
    req.url === '/invocations' &&
    type !== 'application/json' &&
    type !== 'text/csv'
  ) {
    const wrong = recorded.find((ex) => ex.response.status === 415);
    if (wrong) {
      return wrong.response;
    }
  }
  return {
    status: 400,
    content_type: 'application/json',
    body: { error_code: 'BAD_REQUEST', message: 'mlflow CLI stand-in: no recorded answer for this request' },
  };
}

function safeEqual(recordedBody, rawBody) {
  try {
    return JSON.stringify(JSON.parse(rawBody)) === JSON.stringify(recordedBody);
  } catch {
    return false;
  }
}

module.exports = { FIXTURES, sessionFor, exchanges, match };
