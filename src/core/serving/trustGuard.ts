/**
 * Serving, predicting, building an image and deploying all run the model's own code (its
 * pickles, its `python_model.pkl`, its conda environment), so each refuses in an untrusted
 * workspace, whoever calls it — the palette, a CodeLens, a tree, or another extension. Running an
 * MLproject does the same with the project's code (CVE-2024-37061).
 */
export function refuseUntrusted(isTrusted: boolean, what: string, whoseCode = "the model's code"): void {
  if (!isTrusted) {
    throw new Error(
      `${what} runs ${whoseCode}: trust this workspace first (Workspaces: Manage Workspace Trust).`,
    );
  }
}
