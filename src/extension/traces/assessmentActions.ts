import * as os from 'node:os';
import * as vscode from 'vscode';
import { StoreError } from '../../core/common/storeError';
import {
  addAssessmentPrompt,
  nameProblem,
  overridePrompt,
  parseValueInput,
  type AssessmentPrompt,
  type AssessmentTarget,
} from '../../core/traceDetail/assessmentInput';
import type { Assessment } from '../../core/traces/entities/assessment';
import type { TraceStore } from '../../core/traces/traceStore';
import { assessmentWriterOf, type AssessmentWriter } from '../../core/traces/write/assessmentWriter';
import { reportFailure } from '../shared/errors/reportFailure';

/** The command that starts `mlflow server` on the local store (connection/startLocalServer.ts). */
const START_LOCAL_SERVER = 'mlflow.connection.startLocalServer';

export interface AssessmentActionDeps {
  readonly log: vscode.LogOutputChannel;
  readonly openTraces: () => Promise<TraceStore>;
  /** The tracking URI writes go to, named in the confirmation. */
  readonly serverLabel: () => string;
  /** Reload what shows the trace (its open panel) once a write went through. */
  readonly afterWrite: (traceId: string) => Promise<void>;
}

/**
 * Answers given up front instead of asked (in-host tests, other extensions): any one given skips
 * its prompt; `confirmed` skips the modal confirmation.
 */
export interface AssessmentAnswers {
  readonly name?: string;
  readonly value?: string;
  readonly rationale?: string;
  readonly confirmed?: boolean;
}

/** Who a person in the editor is to MLflow: their login name, as MLflow's own `mlflow.user` is. */
function humanSourceId(): string {
  try {
    return os.userInfo().username || 'vscode-user';
  } catch {
    return 'vscode-user';
  }
}

/**
 * The store's writer, or undefined after saying why not. Local stores are read-only here (a
 * second writer beside MLflow could corrupt them): the message offers `mlflow server` on the
 * store in a trusted workspace. Not awaited, so nothing waits on a toast.
 */
async function writerOr(deps: AssessmentActionDeps, action: string): Promise<AssessmentWriter | undefined> {
  const store = await deps.openTraces();
  try {
    return assessmentWriterOf(store);
  } catch (err: unknown) {
    if (!StoreError.is(err, 'read-only')) {
      throw err;
    }
    const start = 'Start Local Server';
    const message = `Cannot ${action}: ${err.message}`;
    const choices = vscode.workspace.isTrusted ? [start] : [];
    void vscode.window.showWarningMessage(message, ...choices).then(async (choice) => {
      if (choice === start) {
        await vscode.commands.executeCommand(START_LOCAL_SERVER);
      }
    });
    deps.log.info(message);
    return undefined;
  }
}

async function askValue(
  title: string,
  given: string | undefined,
  prefill?: string,
): Promise<string | undefined> {
  return (
    given ??
    vscode.window.showInputBox({
      title,
      prompt: 'JSON (true, 0.8, "text", ["a", "b"], {"k": 1}) or plain text, kept as a string',
      value: prefill,
      validateInput: (v) => {
        const parsed = parseValueInput(v);
        return parsed.ok ? undefined : parsed.problem;
      },
    })
  );
}

/**
 * The rationale: as given, else none when the value was given too (a scripted call answers every
 * question it means to), else asked. Null when the user dismissed the box (cancel the action).
 */
async function askRationale(title: string, answers: AssessmentAnswers): Promise<string | null> {
  if (answers.rationale !== undefined || answers.value !== undefined) {
    return answers.rationale ?? '';
  }
  const typed = await vscode.window.showInputBox({ title, prompt: 'Rationale (optional): why this value' });
  return typed ?? null;
}

async function confirm(
  prompt: AssessmentPrompt,
  button: string,
  confirmed: boolean | undefined,
): Promise<boolean> {
  if (confirmed === true) {
    return true;
  }
  return (
    (await vscode.window.showWarningMessage(
      prompt.message,
      { modal: true, detail: prompt.detail },
      button,
    )) === button
  );
}

/**
 * Add a feedback or an expectation to a trace or one of its spans (REST only): ask the name, the
 * value and (feedback) a rationale, confirm what will be written, write it as HUMAN feedback of
 * the user, then reload the trace's panel.
 */
export async function addAssessment(
  deps: AssessmentActionDeps,
  kind: 'feedback' | 'expectation',
  target: AssessmentTarget,
  answers: AssessmentAnswers = {},
): Promise<Assessment | undefined> {
  const what = kind === 'feedback' ? 'add feedback' : 'add an expectation';
  const writer = await writerOr(deps, what);
  if (writer === undefined) {
    return undefined;
  }
  const title = kind === 'feedback' ? 'Add Feedback' : 'Add Expectation';
  const name =
    answers.name ??
    (await vscode.window.showInputBox({
      title: `${title}: name`,
      placeHolder: kind === 'feedback' ? 'user_satisfaction' : 'expected_response',
      validateInput: nameProblem,
    }));
  if (name === undefined || nameProblem(name) !== undefined) {
    return undefined;
  }
  const text = await askValue(`${title}: value of ${name.trim()}`, answers.value);
  const parsed = text === undefined ? undefined : parseValueInput(text);
  if (parsed === undefined || !parsed.ok) {
    return undefined;
  }
  const rationale = kind === 'feedback' ? await askRationale(`${title}: rationale`, answers) : '';
  if (rationale === null) {
    return undefined;
  }
  const sourceId = humanSourceId();
  const prompt = addAssessmentPrompt(
    kind,
    name.trim(),
    parsed.value,
    rationale,
    target,
    sourceId,
    deps.serverLabel(),
  );
  if (!(await confirm(prompt, kind === 'feedback' ? 'Add Feedback' : 'Add Expectation', answers.confirmed))) {
    return undefined;
  }
  try {
    const created = await writer.createAssessment({
      traceId: target.traceId,
      spanId: target.spanId,
      kind,
      name: name.trim(),
      value: parsed.value,
      rationale: rationale === '' ? undefined : rationale,
      source: { sourceType: 'HUMAN', sourceId },
    });
    await deps.afterWrite(target.traceId);
    return created;
  } catch (err: unknown) {
    reportFailure(kind === 'feedback' ? 'Adding the feedback' : 'Adding the expectation', err, deps.log);
    return undefined;
  }
}

/**
 * Override a feedback (typically an LLM judge's) with the user's value, as MLflow's
 * `override_feedback` does: a new HUMAN feedback naming the old one, which stays, marked invalid.
 */
export async function overrideFeedback(
  deps: AssessmentActionDeps,
  traceId: string,
  assessmentId: string,
  answers: AssessmentAnswers = {},
): Promise<Assessment | undefined> {
  const writer = await writerOr(deps, 'override feedback');
  if (writer === undefined) {
    return undefined;
  }
  try {
    const old = await writer.getAssessment(traceId, assessmentId);
    if (old.kind !== 'feedback') {
      void vscode.window.showWarningMessage(
        `${old.name} is an expectation; only feedback can be overridden.`,
      );
      return undefined;
    }
    const text = await askValue(
      `Override ${old.name}: new value`,
      answers.value,
      old.value === null ? '' : JSON.stringify(old.value),
    );
    const parsed = text === undefined ? undefined : parseValueInput(text);
    if (parsed === undefined || !parsed.ok) {
      return undefined;
    }
    const rationale = await askRationale(`Override ${old.name}: rationale`, answers);
    if (rationale === null) {
      return undefined;
    }
    const sourceId = humanSourceId();
    const prompt = overridePrompt(old, parsed.value, rationale, sourceId, deps.serverLabel());
    if (!(await confirm(prompt, 'Override', answers.confirmed))) {
      return undefined;
    }
    const created = await writer.overrideFeedback(traceId, assessmentId, {
      value: parsed.value,
      rationale: rationale === '' ? undefined : rationale,
      source: { sourceType: 'HUMAN', sourceId },
    });
    await deps.afterWrite(traceId);
    return created;
  } catch (err: unknown) {
    reportFailure('Overriding the feedback', err, deps.log);
    return undefined;
  }
}
