import { iteratePages } from '../common/paging';
import type { TraceInfo } from '../traces/entities/traceInfo';
import { isNoTraces, MAX_TRACES_PAGE, type TraceStore } from '../traces/traceStore';

/** True when a trace's `mlflow.linkedPrompts` names this prompt version. */
export function usesPromptVersion(info: TraceInfo, name: string, version: string): boolean {
  return info.linkedPrompts.some((p) => p.name === name && p.version === version);
}

/** The traces that used a version, and whether the scan stopped before reading them all. */
export interface LinkedTraces {
  readonly traces: readonly TraceInfo[];
  readonly truncated: boolean;
}

/**
 * The traces of these experiments whose `mlflow.linkedPrompts` tag names the version, newest
 * first. The tag is read from each trace rather than put in a filter: local stores refuse
 * MLflow's `prompt = '…'` filter, and reading it the same way from every store gives every store
 * the same answer. At most `maxScanned` traces are read (a big experiment is cut, and says so).
 */
export async function tracesUsingPromptVersion(
  store: TraceStore,
  experimentIds: readonly string[],
  prompt: { readonly name: string; readonly version: string },
  options: { readonly signal?: AbortSignal; readonly maxScanned?: number } = {},
): Promise<LinkedTraces> {
  const max = options.maxScanned ?? 10_000;
  const found: TraceInfo[] = [];
  let scanned = 0;
  for (const experimentId of experimentIds) {
    const pages = iteratePages(async (pageToken) => {
      const page = await store.searchTraces({
        experimentId,
        maxResults: MAX_TRACES_PAGE,
        pageToken,
        signal: options.signal,
      });
      return isNoTraces(page) ? { items: [], nextPageToken: undefined } : page;
    });
    for await (const info of pages) {
      if (scanned++ >= max) {
        return { traces: newestFirst(found), truncated: true };
      }
      if (usesPromptVersion(info, prompt.name, prompt.version)) {
        found.push(info);
      }
    }
  }
  return { traces: newestFirst(found), truncated: false };
}

const newestFirst = (traces: TraceInfo[]): TraceInfo[] =>
  traces.sort((a, b) => b.requestTimeMs - a.requestTimeMs);
