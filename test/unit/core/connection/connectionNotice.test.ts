import * as assert from 'node:assert/strict';
import { connectionNotice } from '../../../../src/core/connection/connectionNotice';

describe('connectionNotice', () => {
  it('shows a working older server as information, its details behind the notification', () => {
    const n = connectionNotice('http://127.0.0.1:5000', {
      severity: 'ok',
      problem: 'old-server',
      summary: 'Connected (older than MLflow 3.0: no logged models).',
      advice: '',
      details: 'The server answers as MLflow does, but lacks logged models …',
    });
    assert.deepEqual(n, {
      kind: 'information',
      text: 'http://127.0.0.1:5000: Connected (older than MLflow 3.0: no logged models).',
      details: 'The server answers as MLflow does, but lacks logged models …',
    });
  });

  it('shows a fault as an error with its advice, and no details button when there is nothing more', () => {
    const n = connectionNotice('mlflow.example', {
      severity: 'error',
      problem: 'unauthenticated',
      summary: 'The server asks for credentials (HTTP 401).',
      advice: 'Sign in.',
    });
    assert.deepEqual(n, {
      kind: 'error',
      text: 'mlflow.example: The server asks for credentials (HTTP 401). Sign in.',
      details: undefined,
    });
  });
});
