import * as vscode from 'vscode';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { downloadArtifacts, NOT_STARTED } from './downloadArtifacts';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { openArtifact } from './runCommands';

/** The commands on a run's artifacts: open one read-only in an editor, download them to a folder. */
export function registerArtifactCommands({
  register,
  guarded,
  runArg,
  views,
  log,
}: ExplorerCommandKit): void {
  register(EXPLORER_COMMANDS.openArtifact, openArtifact);
  register(EXPLORER_COMMANDS.downloadArtifacts, (arg, target) =>
    guarded(
      'Download',
      async () =>
        downloadArtifacts(
          views.session,
          log,
          await runArg(arg, 'Download Artifacts'),
          target instanceof vscode.Uri ? target : undefined,
        ),
      NOT_STARTED,
    ),
  );
}
