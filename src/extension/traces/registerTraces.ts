import * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import { reportFailure } from '../shared/errors/reportFailure';
import { registerReported } from '../shared/errors/withErrorReport';
import {
  isAssessmentId,
  isLinkIndex,
  isSpanIdHex,
  isTraceId,
  isTraceLinkKind,
} from '../../protocol/traceDetail';
import {
  addAssessment,
  overrideFeedback,
  type AssessmentActionDeps,
  type AssessmentAnswers,
} from './assessmentActions';
import { TraceDetailPanel, type TraceDetailDeps } from './traceDetailPanel';
import { openTraceLink, pickTraceLink } from './traceLinkActions';

/** A trace id given as a string or as a node carrying `traceId` (the Traces view's items). */
function traceIdOf(arg: unknown): string | undefined {
  if (isTraceId(arg)) {
    return arg;
  }
  if (typeof arg === 'object' && arg !== null && 'traceId' in arg && isTraceId(arg.traceId)) {
    return arg.traceId;
  }
  return undefined;
}

/** Ask for a trace id when the command was not given one (the palette). */
async function askTraceId(): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Open Trace',
    prompt: 'The id of an MLflow trace (tr- and 32 hex digits on MLflow 3)',
    validateInput: (v) =>
      isTraceId(v.trim()) ? undefined : 'A trace id has only letters, digits, - and _ (at most 80).',
  });
  return typed?.trim();
}

/** `{ traceId, spanId? }` (a span id of 16 hex digits), else the trace of the panel in front. */
function targetOf(arg: unknown): { traceId: string; spanId: string | undefined } | undefined {
  const traceId = traceIdOf(arg) ?? (arg === undefined ? TraceDetailPanel.active()?.traceId : undefined);
  if (traceId === undefined) {
    return undefined;
  }
  const spanId = typeof arg === 'object' && arg !== null && 'spanId' in arg ? arg.spanId : undefined;
  return spanId === undefined || isSpanIdHex(spanId) ? { traceId, spanId } : undefined;
}

/** From the palette: which of the shown trace's valid feedback to override. */
async function pickFeedback(traceId: string): Promise<string | null | undefined> {
  const choices = TraceDetailPanel.get(traceId)?.feedbackChoices() ?? [];
  if (choices.length === 0) {
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((a) => ({
      label: a.name,
      description: `${a.value} (${[a.sourceType, a.sourceId].filter(Boolean).join(' ')})`,
      id: a.assessmentId,
    })),
    { title: 'Override Feedback', placeHolder: 'The feedback to replace with your value' },
  );
  return picked === undefined ? null : picked.id;
}

/** Pre-given answers, only of the expected types (a command argument is not trusted). */
function answersOf(v: unknown): AssessmentAnswers {
  if (typeof v !== 'object' || v === null) {
    return {};
  }
  const o = v as Record<string, unknown>;
  const text = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
  return {
    name: text('name'),
    value: text('value'),
    rationale: text('rationale'),
    confirmed: o.confirmed === true,
  };
}

/** The trace detail panel: its commands (through the one error path) and its serializer. */
export function registerTraces(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): void {
  const actions: AssessmentActionDeps = {
    log,
    openTraces: () => session.traces(),
    serverLabel: () => (session.state.status === 'ready' ? session.state.uri : 'the tracking server'),
    afterWrite: async (traceId) => {
      await TraceDetailPanel.get(traceId)?.reload();
    },
  };
  const add = (kind: 'feedback' | 'expectation') => async (arg: unknown, answers: unknown) => {
    const target = targetOf(arg);
    if (target === undefined) {
      void vscode.window.showInformationMessage('Open a trace first (MLflow: Open Trace…).');
      return undefined;
    }
    const spanName =
      target.spanId === undefined ? undefined : TraceDetailPanel.get(target.traceId)?.spanName(target.spanId);
    return addAssessment(actions, kind, { ...target, spanName }, answersOf(answers));
  };
  const deps: TraceDetailDeps = {
    extensionUri: context.extensionUri,
    log,
    openTraces: () => session.traces(),
    onConnectionChange: session.onDidChange,
    onAssessmentAction: (panel, m) => {
      const done =
        m.type === 'traceDetail/overrideFeedback'
          ? overrideFeedback(actions, panel.traceId, m.assessmentId)
          : addAssessment(actions, m.kind, {
              traceId: panel.traceId,
              spanId: m.spanId,
              spanName: m.spanId === undefined ? undefined : panel.spanName(m.spanId),
            });
      done.catch((err: unknown) => {
        reportFailure('Writing the assessment', err, log);
      });
    },
    onLink: (panel, m) => {
      const targets = panel.links();
      if (targets !== undefined) {
        openTraceLink(targets, m.link, m.index).catch((err: unknown) => {
          reportFailure('Opening the link', err, log);
        });
      }
    },
  };
  registerReported(context, log, {
    [TRACE_COMMANDS.openTrace]: async (arg) => {
      const traceId = traceIdOf(arg) ?? (arg === undefined ? await askTraceId() : undefined);
      return traceId === undefined || traceId === '' ? undefined : TraceDetailPanel.show(deps, traceId);
    },
    [TRACE_COMMANDS.openTraceInNewPanel]: (arg) => {
      const traceId = traceIdOf(arg);
      return traceId === undefined ? undefined : TraceDetailPanel.show(deps, traceId, { newPanel: true });
    },
    // The panel's links as a command: (traceId, kind, index) as the webview's click gives them, or
    // from the palette a pick among the links of the trace panel in front.
    [TRACE_COMMANDS.openLink]: async (traceId, link, index) => {
      const id = traceIdOf(traceId);
      const panel = traceId === undefined ? TraceDetailPanel.active() : id && TraceDetailPanel.get(id);
      const targets = panel ? panel.links() : undefined;
      if (targets === undefined) {
        return undefined;
      }
      const chosen = link === undefined ? await pickTraceLink(targets) : { link, index: index ?? 0 };
      return chosen === undefined || !isTraceLinkKind(chosen.link) || !isLinkIndex(chosen.index)
        ? undefined
        : openTraceLink(targets, chosen.link, chosen.index);
    },
    [TRACE_COMMANDS.addFeedback]: add('feedback'),
    [TRACE_COMMANDS.addExpectation]: add('expectation'),
    [TRACE_COMMANDS.overrideFeedback]: async (arg, answers) => {
      const target = targetOf(arg);
      const given =
        typeof arg === 'object' && arg !== null && 'assessmentId' in arg ? arg.assessmentId : undefined;
      const assessmentId =
        given === undefined && target !== undefined ? await pickFeedback(target.traceId) : given;
      if (target === undefined || !isAssessmentId(assessmentId)) {
        if (assessmentId === undefined) {
          void vscode.window.showInformationMessage(
            'Open a trace with feedback first (MLflow: Open Trace…).',
          );
        }
        return undefined;
      }
      return overrideFeedback(actions, target.traceId, assessmentId, answersOf(answers));
    },
  });
  context.subscriptions.push(TraceDetailPanel.registerSerializer(deps), {
    dispose: () => {
      TraceDetailPanel.disposeAll();
    },
  });
}
