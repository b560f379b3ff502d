import { CODE_COMMANDS } from './codeCommandIds';
import { COMPARE_COMMANDS } from './compareCommandIds';
import { EVALUATION_COMMANDS } from './evaluationCommandIds';
import { EXPLORER_COMMANDS } from './explorerCommandIds';
import { MLMODEL_COMMANDS } from './mlmodelCommandIds';
import { SCAFFOLD_COMMANDS } from './scaffoldCommandIds';
import { PROJECT_COMMANDS } from './projectCommandIds';
import { PROMPT_COMMANDS } from './promptCommandIds';
import { COMMANDS } from './commandIds';
import { RUNS_TABLE_COMMANDS } from './runsTableCommandIds';
import { TRACE_COMMANDS } from './traceCommandIds';

/** Every command id this build registers, for the contribution check and the activation test. */
export const IMPLEMENTED_COMMANDS: readonly string[] = [
  ...Object.values(COMMANDS),
  ...Object.values(EXPLORER_COMMANDS),
  ...Object.values(COMPARE_COMMANDS),
  ...Object.values(MLMODEL_COMMANDS),
  ...Object.values(SCAFFOLD_COMMANDS),
  ...Object.values(PROJECT_COMMANDS),
  ...Object.values(TRACE_COMMANDS),
  ...Object.values(EVALUATION_COMMANDS),
  ...Object.values(PROMPT_COMMANDS),
  ...Object.values(CODE_COMMANDS),
  ...Object.values(RUNS_TABLE_COMMANDS),
];
