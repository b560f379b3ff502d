/**
 * Serving, predicting, building an image and deploying all run the model's own code (its
 * pickles, its `python_model.pkl`, its conda environment), so each refuses in an untrusted
 * workspace, whoever calls it — the palette, a CodeLens, a tree, or another extension.
 */
export function refuseUntrusted(isTrusted: boolean, what: string): void {
  if (!isTrusted) {
    throw new Error(`${what} runs the model's code: trust this workspace first (Workspaces: Manage Workspace Trust).`);
  }
}
