/** `prompts:/<name>/<version>` or `prompts:/<name>@<alias>`, the URIs `mlflow.genai.load_prompt` takes. */
export function promptUri(
  name: string,
  ref: { readonly version: string } | { readonly alias: string },
): string {
  return 'alias' in ref ? `prompts:/${name}@${ref.alias}` : `prompts:/${name}/${ref.version}`;
}
