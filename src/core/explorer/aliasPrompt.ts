import { displayText } from './displayText';
import { registryModelUri } from './loggedModelHistory';

/** What a confirmation says: the question, and the consequence underneath. */
export interface AliasPrompt {
  readonly message: string;
  readonly detail: string;
}

/** The URI that loads by an alias: `models:/<name>@<alias>` unless told (prompts use `prompts:/`). */
export type AliasUri = (name: string, alias: string) => string;

const modelAliasUri: AliasUri = (name, alias) => registryModelUri(name, { alias });

/**
 * The confirmation for pointing `@alias` at a version. It names the version that holds the alias
 * now (read from the server just before asking), because moving `@champion` changes what loads.
 */
export function setAliasPrompt(
  model: string,
  alias: string,
  version: string,
  holder: string | undefined,
  uriOf: AliasUri = modelAliasUri,
): AliasPrompt {
  const name = displayText(model, 200);
  const uri = displayText(uriOf(model, alias), 300);
  return {
    message:
      holder === undefined
        ? `Set @${alias} on ${name} version ${version}?`
        : `Move @${alias} of ${name} from version ${holder} to version ${version}?`,
    detail: `Anything loading ${uri} will get version ${version}.`,
  };
}

/**
 * The confirmation for removing `@alias`: which version holds it now on the server (it may have
 * moved since the view was drawn), and that loading by the alias stops working.
 */
export function deleteAliasPrompt(
  model: string,
  alias: string,
  holder: string | undefined,
  uriOf: AliasUri = modelAliasUri,
): AliasPrompt {
  const name = displayText(model, 200);
  const uri = displayText(uriOf(model, alias), 300);
  return {
    message:
      holder === undefined
        ? `@${alias} is not set on ${name}. Delete it anyway?`
        : `Delete @${alias} from ${name}? It now points to version ${holder}.`,
    detail: `Anything loading ${uri} will fail until the alias is set again.`,
  };
}

/**
 * Why MLflow would refuse `alias` as an alias name (models and prompts alike), or undefined:
 * letters, digits, `-` and `_`, at most 255, and not `latest` or `v<digits>`, which MLflow keeps.
 */
export function aliasNameProblem(alias: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(alias)) {
    return 'Letters, digits, "-" and "_" only.';
  }
  return /^v\d+$/i.test(alias) || alias.toLowerCase() === 'latest'
    ? `"${alias}" is reserved by MLflow.`
    : undefined;
}
