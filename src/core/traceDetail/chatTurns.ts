import type { JsonValue } from '../traces/parse/losslessJson';
import type { ChatTurn, SpanPayload } from './traceView';

/** Array.isArray narrows to any[]; this keeps the element type. */
function isList(v: JsonValue | undefined): v is readonly JsonValue[] {
  return Array.isArray(v);
}

function isObject(v: JsonValue | undefined): v is { readonly [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The text of a message's content: a string, or OpenAI/Anthropic content parts' text joined. */
function contentText(content: JsonValue | undefined): string | undefined {
  if (typeof content === 'string') {
    return content;
  }
  if (content === null || content === undefined) {
    return '';
  }
  if (isList(content)) {
    return content
      .map((p) => (typeof p === 'string' ? p : isObject(p) && typeof p.text === 'string' ? p.text : ''))
      .filter((t) => t !== '')
      .join('\n');
  }
  return undefined;
}

/** Tool calls a message makes, as text (the function's name and its arguments). */
function toolCallsText(m: { readonly [key: string]: JsonValue }): string {
  const calls = m.tool_calls;
  if (!isList(calls)) {
    return '';
  }
  return calls
    .map((c) => {
      const fn = isObject(c) && isObject(c.function) ? c.function : undefined;
      const name = fn && typeof fn.name === 'string' ? fn.name : 'tool';
      const args = fn && typeof fn.arguments === 'string' ? fn.arguments : '';
      return `→ ${name}(${args})`;
    })
    .join('\n');
}

/** Chat messages as turns, or undefined when the array is not a list of `{role, content}`. */
export function chatTurns(v: JsonValue | undefined): ChatTurn[] | undefined {
  if (!isList(v) || v.length === 0) {
    return undefined;
  }
  const turns: ChatTurn[] = [];
  for (const m of v) {
    if (!isObject(m) || typeof m.role !== 'string') {
      return undefined;
    }
    const text = contentText(m.content);
    if (text === undefined) {
      return undefined;
    }
    turns.push({ role: m.role, text: [text, toolCallsText(m)].filter((t) => t !== '').join('\n') });
  }
  return turns;
}

/** The messages of a chat completion's answer (`choices[].message`), if it is one. */
function choiceMessages(v: { readonly [key: string]: JsonValue }): JsonValue | undefined {
  const choices = v.choices;
  if (!isList(choices)) {
    return undefined;
  }
  const messages: JsonValue[] = [];
  for (const c of choices) {
    if (!isObject(c) || !isObject(c.message)) {
      return undefined;
    }
    messages.push(c.message);
  }
  return messages;
}

/**
 * A span's inputs or outputs for display: a conversation when they are (or hold under `messages`,
 * or as a completion's `choices`) chat messages, with what else the object carries kept beside;
 * otherwise the JSON itself.
 */
export function spanPayload(v: JsonValue | undefined): SpanPayload | undefined {
  if (v === undefined) {
    return undefined;
  }
  const direct = chatTurns(v);
  if (direct) {
    return { kind: 'chat', turns: direct, rest: undefined };
  }
  if (isObject(v)) {
    for (const key of ['messages', 'choices'] as const) {
      const turns = chatTurns(key === 'messages' ? v.messages : choiceMessages(v));
      if (turns) {
        const rest = Object.fromEntries(Object.entries(v).filter(([k]) => k !== key));
        return { kind: 'chat', turns, rest: Object.keys(rest).length > 0 ? rest : undefined };
      }
    }
  }
  return { kind: 'json', value: v };
}
