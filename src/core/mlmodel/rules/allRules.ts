import type { MlmodelRule } from '../ruleContext';
import { envVarsRule } from './envVarsRule';
import { flavorsRule } from './flavorsRule';
import { formatRule } from './formatRule';
import { inputExampleRule } from './inputExampleRule';
import { pyfuncRule } from './pyfuncRule';
import { signatureRule } from './signatureRule';
import { structureRule } from './structureRule';

/** Every MLmodel rule, in the order their findings read best. */
export const ALL_RULES: readonly MlmodelRule[] = [
  structureRule,
  flavorsRule,
  pyfuncRule,
  formatRule,
  envVarsRule,
  inputExampleRule,
  signatureRule,
];
