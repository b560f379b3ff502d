import type { OffsetRange } from './yamlAst';

/** Codes of the problems found while reading YAML, before any MLmodel rule runs. */
export type YamlProblemCode =
  | 'yaml-syntax'
  | 'yaml-too-large'
  | 'yaml-binary'
  | 'yaml-unsafe-tag'
  | 'yaml-aliases'
  | 'yaml-multiple-documents'
  | 'yaml-duplicate-key'
  | 'yaml-flow-indentation';

/** A problem with the YAML itself, located by source offsets. */
export interface YamlProblem {
  readonly code: YamlProblemCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly range: OffsetRange;
}

/** Caps that keep hostile input (huge files, deep nesting, alias bombs) cheap to reject. */
export interface YamlLimits {
  /** Longest text parsed at all, in UTF-16 units. */
  readonly maxLength: number;
  /** Deepest collection nesting accepted. */
  readonly maxDepth: number;
  /** Most aliases accepted; they are never expanded, but many of them signal a bomb. */
  readonly maxAliases: number;
}

/** Generous for any real MLmodel (the largest signatures are a few hundred KB). */
export const DEFAULT_YAML_LIMITS: YamlLimits = { maxLength: 5 * 1024 * 1024, maxDepth: 64, maxAliases: 100 };
