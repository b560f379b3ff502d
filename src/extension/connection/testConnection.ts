import * as vscode from 'vscode';
import { connectionNotice } from '../../core/connection/connectionNotice';
import {
  diagnoseConnection,
  diagnoseFailure,
  type Diagnosis,
} from '../../core/connection/diagnoseConnection';
import { parseTrackingUri, redactUri, type TrackingTarget } from '../../core/connection/trackingUri';
import { openStores } from '../../core/stores/openStores';
import { baseDir, type ConnectionManager } from './connectionManager';
import type { SavedConnections } from './savedConnections';
import type { StoreSession } from './storeSession';
import { COMMANDS } from '../shared/commandIds/commandIds';

/** What "Test Connection" needs. */
export interface TestConnectionDeps {
  readonly connections: ConnectionManager;
  readonly stores: StoreSession;
  readonly saved: SavedConnections;
  readonly log: vscode.LogOutputChannel;
}

/**
 * "MLflow: Test Connection": probe the active connection (or a saved connection's name, or a
 * tracking URI, given as the argument) and say exactly what is wrong, with what to do about it.
 * Returns the diagnosis (for the tests and other callers); undefined when there is nothing to test.
 */
export async function testConnection(
  deps: TestConnectionDeps,
  arg?: unknown,
): Promise<Diagnosis | undefined> {
  const target = targetOf(deps, arg);
  if (target === undefined) {
    return undefined;
  }
  if ('problem' in target) {
    void vscode.window.showErrorMessage(`MLflow: ${target.problem}`);
    return { severity: 'error', problem: undefined, summary: target.problem, advice: '' };
  }
  const diagnosis = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Testing ${target.display}…`,
      cancellable: true,
    },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => {
        abort.abort();
      });
      try {
        return await probe(deps, target, abort.signal);
      } finally {
        sub.dispose();
      }
    },
  );
  const notice = connectionNotice(target.display, diagnosis);
  deps.log.info(
    `Test connection ${redactUri(target.uri)}: ${diagnosis.severity} ${diagnosis.problem ?? ''} ${diagnosis.summary}`,
  );
  // Sign In acts on the active connection, so it is offered only when that is what was tested.
  const testedActive = typeof arg !== 'string';
  const actions = [
    ...(testedActive && (diagnosis.problem === 'unauthenticated' || diagnosis.problem === 'forbidden')
      ? ['Sign In…']
      : []),
    ...(notice.details === undefined ? [] : ['Details']),
  ];
  const show =
    notice.kind === 'information' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  void show(notice.text, ...actions).then((choice) => {
    if (choice === 'Sign In…') {
      void vscode.commands.executeCommand(COMMANDS.signIn);
    } else if (choice === 'Details') {
      void show(notice.text, { modal: true, detail: notice.details });
    }
  });
  return diagnosis;
}

async function probe(
  deps: TestConnectionDeps,
  target: TrackingTarget,
  signal: AbortSignal,
): Promise<Diagnosis> {
  if (target.kind === 'sqlite' || target.kind === 'file') {
    // A local store has no server to diagnose: it either opens and lists experiments or it does not.
    try {
      const stores = await openStores(target);
      try {
        await stores.tracking.searchExperiments({ maxResults: 1, signal });
      } finally {
        stores.dispose();
      }
      return {
        severity: 'ok',
        problem: undefined,
        summary: 'The local store opens and lists experiments (read-only).',
        advice: '',
      };
    } catch (err) {
      return {
        severity: 'error',
        problem: undefined,
        summary: err instanceof Error ? err.message : String(err),
        advice: '',
      };
    }
  }
  let client;
  try {
    client = await deps.stores.restClient(target, { maxRetries: 0, timeoutMs: 15_000 });
  } catch (err) {
    return diagnoseFailure(err);
  }
  return diagnoseConnection(client, signal);
}

function targetOf(
  deps: TestConnectionDeps,
  arg: unknown,
): TrackingTarget | { readonly problem: string } | undefined {
  if (typeof arg === 'string' && arg.trim() !== '') {
    const uri = deps.saved.find(arg)?.uri ?? arg.trim();
    const parsed = parseTrackingUri(uri, baseDir());
    return parsed.ok ? parsed.target : { problem: parsed.error };
  }
  const state = deps.connections.state;
  if (state.status === 'none') {
    void vscode.window.showInformationMessage(
      'No MLflow connection to test: connect to a tracking server or open a local store first.',
    );
    return undefined;
  }
  return state.status === 'invalid' ? { problem: state.problem } : state.target;
}
