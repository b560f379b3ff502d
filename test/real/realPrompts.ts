// The real-MLflow tier's prompt check: the Prompts view's reader (REST against the real server,
// and the server's own mlflow.db read with no server) must find the prompt fill.py registered
// with the versions, types, commit messages and alias its own client loads back.
import { parseTrackingUri } from '../../src/core/connection/trackingUri';
import { listPrompts, listPromptVersions } from '../../src/core/prompts/promptReader';
import { openStores, type Stores } from '../../src/core/stores/openStores';
import type { FilledPrompts } from './tierProtocol';
import type { TraceCheck } from './realTraces';

async function readBack(uri: string, name: string): Promise<string> {
  const parsed = parseTrackingUri(uri, process.cwd());
  if (!parsed.ok) {
    throw new Error(parsed.error);
  }
  let stores: Stores | undefined;
  try {
    stores = await openStores(parsed.target);
    const prompt = (await listPrompts(stores.registry)).find((p) => p.name === name);
    if (prompt === undefined) {
      return 'not listed';
    }
    const versions = await listPromptVersions(stores.registry, prompt);
    return JSON.stringify({
      versions: versions.map((v) => `${v.version} ${v.template.type} ${v.commitMessage ?? ''}`).sort(),
      aliases: prompt.aliases.map((a) => `${a.alias}→${a.version}`).sort(),
    });
  } finally {
    stores?.dispose();
  }
}

/** Check the prompt reader against what fill.py registered; nothing to check before MLflow 3. */
export async function checkRealPrompts(
  trackingUri: string,
  dbFile: string,
  filled: FilledPrompts | null,
): Promise<TraceCheck[]> {
  if (filled === null) {
    return [];
  }
  const want = JSON.stringify({
    versions: filled.versions.map((v) => `${v.version} ${v.type} ${v.commitMessage}`).sort(),
    aliases: Object.entries(filled.aliases)
      .map(([a, v]) => `${a}→${v}`)
      .sort(),
  });
  const check = async (title: string, uri: string): Promise<TraceCheck> => {
    try {
      const got = await readBack(uri, filled.name);
      return { title, problem: got === want ? undefined : `the client loaded ${want}, the store ${got}` };
    } catch (err) {
      return { title, problem: err instanceof Error ? err.message : String(err) };
    }
  };
  return [
    await check(
      'prompts: REST lists the prompt the client registered, its versions, types and alias',
      trackingUri,
    ),
    await check(
      "prompts: the server's mlflow.db, read with no server, lists the same",
      `sqlite:///${dbFile}`,
    ),
  ];
}
