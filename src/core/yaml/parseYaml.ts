import { EVENT_ID, SCALAR_STYLE, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { parseEventsLeniently } from './parseEventsLeniently';
import type { OffsetRange, ScalarStyle, YamlMap, YamlNode, YamlPair, YamlScalar } from './yamlAst';
import { DEFAULT_YAML_LIMITS, type YamlLimits, type YamlProblem } from './yamlProblem';
import { resolvePlainScalar } from './resolveScalar';
import { checkTag } from './checkTag';
import { clipForMessage } from './clipForMessage';

/** The first document of a YAML text as a tree with offsets, plus what was wrong with it. */
export interface YamlDocument {
  readonly text: string;
  /** Undefined for an empty text or one that does not parse. */
  readonly root: YamlNode | undefined;
  readonly problems: readonly YamlProblem[];
}

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly start: number;
  readonly flow: boolean;
  readonly tag: YamlNode['tag'];
  readonly children: YamlNode[];
  end: number;
}

const STYLES: Readonly<Record<number, ScalarStyle>> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded',
};

function point(text: string, offset: number): OffsetRange {
  const start = Math.max(0, Math.min(offset, text.length));
  return { start, end: Math.min(start + 1, text.length) };
}

/** Binary files are refused before parsing: a NUL or many control characters in the first 8 KB. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0) {
      return true;
    }
    // Tab, line feed and carriage return are text; other C0 controls are not.
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      controls++;
    }
  }
  return controls > head.length / 100 + 2;
}

function toScalar(text: string, event: ScalarEvent, fallbackAt: number, tag: YamlNode['tag']): YamlScalar {
  const style = STYLES[event.style] ?? 'plain';
  if (event.valueStart < 0) {
    return {
      kind: 'scalar',
      text: '',
      value: tag ? '' : null,
      style,
      indent: event.indent,
      range: { start: fallbackAt, end: fallbackAt },
      tag,
    };
  }
  const decoded = event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
  const quoted = style === 'single' || style === 'double' ? 1 : 0;
  const range = { start: event.valueStart - quoted, end: event.valueEnd + quoted };
  const explicitString = tag !== undefined && /str$/.test(tag.text);
  const value = style === 'plain' && !explicitString ? resolvePlainScalar(decoded) : decoded;
  return { kind: 'scalar', text: decoded, value, style, indent: event.indent, range, tag };
}

/** Most maps have a handful of keys: compared pairwise, they need no Set (dense files have 10^5 maps). */
const SMALL_MAP = 8;

function reportDuplicateKeys(pairs: readonly YamlPair[], problems: YamlProblem[]): void {
  const seen = pairs.length > SMALL_MAP ? new Set<string>() : undefined;
  for (let i = 0; i < pairs.length; i++) {
    const key = (pairs[i] as YamlPair).key;
    if (key.kind !== 'scalar') {
      continue;
    }
    let duplicate = false;
    if (seen) {
      duplicate = seen.has(key.text);
      seen.add(key.text);
    } else {
      for (let k = 0; k < i && !duplicate; k++) {
        const earlier = (pairs[k] as YamlPair).key;
        duplicate = earlier.kind === 'scalar' && earlier.text === key.text;
      }
    }
    if (duplicate) {
      problems.push({
        code: 'yaml-duplicate-key',
        severity: 'warning',
        message: `Duplicate key "${clipForMessage(key.text)}": the last one wins.`,
        range: key.range,
      });
    }
  }
}

function closeFrame(frame: Frame, problems: YamlProblem[]): YamlNode {
  const range = { start: frame.start, end: Math.max(frame.end, frame.start + 1) };
  if (frame.kind === 'seq') {
    return { kind: 'seq', flow: frame.flow, items: frame.children, range, tag: frame.tag };
  }
  const pairs: YamlPair[] = [];
  for (let i = 0; i + 1 < frame.children.length; i += 2) {
    const key = frame.children[i] as YamlNode;
    const value = frame.children[i + 1] as YamlNode;
    pairs.push({
      key,
      value,
      range: { start: key.range.start, end: Math.max(key.range.end, value.range.end) },
    });
  }
  reportDuplicateKeys(pairs, problems);
  const map: YamlMap = { kind: 'map', flow: frame.flow, pairs, range, tag: frame.tag };
  return map;
}

function tagOf(text: string, event: { tagStart: number; tagEnd: number }): YamlNode['tag'] {
  return event.tagStart >= 0
    ? { text: text.slice(event.tagStart, event.tagEnd), range: { start: event.tagStart, end: event.tagEnd } }
    : undefined;
}

function buildTree(
  text: string,
  events: readonly Event[],
  limits: YamlLimits,
  problems: YamlProblem[],
): YamlNode | undefined {
  const stack: Frame[] = [];
  let root: YamlNode | undefined;
  let documents = 0;
  let aliases = 0;
  let lastEnd = 0;
  const attach = (node: YamlNode): void => {
    lastEnd = Math.max(lastEnd, node.range.end);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(node);
      parent.end = Math.max(parent.end, node.range.end);
    } else {
      root ??= node;
    }
  };
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (documents === 2) {
        problems.push({
          code: 'yaml-multiple-documents',
          severity: 'warning',
          message: 'Only the first YAML document of an MLmodel file is read.',
          range: point(text, lastEnd),
        });
      }
      continue;
    }
    if (documents > 1) {
      continue;
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const tag = tagOf(text, event);
      checkTag(tag, problems);
      const start = event.tagStart >= 0 ? event.tagStart : event.start;
      stack.push({
        kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq',
        start,
        end: event.start + 1,
        flow: event.style === 2,
        tag,
        children: [],
      });
    } else if (event.type === EVENT_ID.SCALAR) {
      const tag = tagOf(text, event);
      checkTag(tag, problems);
      attach(toScalar(text, event, lastEnd, tag));
    } else if (event.type === EVENT_ID.ALIAS) {
      aliases++;
      const range = { start: event.anchorStart - 1, end: event.anchorEnd };
      if (aliases === limits.maxAliases + 1) {
        problems.push({
          code: 'yaml-aliases',
          severity: 'error',
          message: `More than ${limits.maxAliases} aliases: this looks like a YAML bomb and is not expanded.`,
          range,
        });
      }
      attach({ kind: 'alias', name: text.slice(event.anchorStart, event.anchorEnd), range });
    } else {
      const frame = stack.pop();
      if (frame) {
        if (frame.flow) {
          // Flow collections end at their closing bracket, which no event reports.
          const close = text.indexOf(frame.kind === 'map' ? '}' : ']', frame.end);
          frame.end = close >= 0 ? close + 1 : frame.end;
        }
        attach(closeFrame(frame, problems));
      }
    }
  }
  return root;
}

/**
 * Parse YAML text with js-yaml's event parser (no object construction, so no tag can run code)
 * into a tree with offsets. Never throws; everything wrong is a {@link YamlProblem}.
 */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): YamlDocument {
  const problems: YamlProblem[] = [];
  if (text.length > limits.maxLength) {
    const message = `The file is ${text.length} characters long; files over ${limits.maxLength} are not checked.`;
    return {
      text,
      root: undefined,
      problems: [{ code: 'yaml-too-large', severity: 'error', message, range: point(text, 0) }],
    };
  }
  if (looksBinary(text)) {
    return {
      text,
      root: undefined,
      problems: [
        {
          code: 'yaml-binary',
          severity: 'error',
          message: 'This looks like a binary file, not YAML.',
          range: point(text, 0),
        },
      ],
    };
  }
  let events: Event[];
  try {
    const parsed = parseEventsLeniently(text, limits.maxDepth);
    events = parsed.events;
    for (const at of parsed.reindented) {
      const message =
        'Flow content ({...} or [...]) should be indented more than its key. PyYAML reads this; strict YAML 1.2 tools do not.';
      problems.push({
        code: 'yaml-flow-indentation',
        severity: 'warning',
        message,
        range: { start: at, end: Math.max(at + 1, text.indexOf('\n', at)) },
      });
    }
  } catch (error: unknown) {
    problems.push(syntaxProblem(text, error));
    return { text, root: undefined, problems };
  }
  const root = buildTree(text, events, limits, problems);
  return { text, root, problems };
}

function syntaxProblem(text: string, error: unknown): YamlProblem {
  const mark = (error as { mark?: { position?: unknown } } | null)?.mark;
  const position = typeof mark?.position === 'number' ? mark.position : 0;
  const reason = (error as { reason?: unknown } | null)?.reason;
  const message =
    typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error);
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `YAML syntax error: ${message}.`,
    range: point(text, position),
  };
}
