// Lint is where the layer rule lives (DESIGN.md "Layers"): only src/extension may import `vscode`,
// core stays free of Node process spawning and of the layers above it, and the webview reaches the
// host only through src/protocol. A test (test/unit/layers.test.ts) proves these rules fire.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const vscodeBan = { name: 'vscode', message: 'Only src/extension/ may import vscode (DESIGN.md, Layers).' };
const spawnBan = [
  { name: 'child_process', message: 'src/core builds command lines; src/extension runs them.' },
  { name: 'node:child_process', message: 'src/core builds command lines; src/extension runs them.' },
];
// src/extension is organised by feature (README "Architecture"): a feature folder reaches another
// only through that folder's index.ts, and shared/ (host services) reaches no feature at all.
const intoFeature = {
  regex: '^\\.\\./(?!shared/)[^./][^/]*/',
  message:
    'Import another feature through its index.ts (`../<feature>`); host services live in `../shared/`.',
};
const intoRoot = {
  regex: '^\\.\\./(extension|api)$',
  message: 'Features do not import the composition root.',
};
const sharedUp = (depth) => ({
  regex: `^${'\\.\\./'.repeat(depth)}(?!\\.\\.)`,
  message: 'shared/ holds host services that import no feature.',
});
const upward = (what) => ({
  group: what,
  message: 'Imports point one way: webview/extension -> protocol -> core.',
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'tools/**',
      'test/fixtures/**',
      'demo/**',
      '.test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      curly: 'error',
      eqeqeq: ['error', 'smart'],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeBan, ...spawnBan],
          patterns: [upward(['**/extension/**', '**/protocol/**', '**/webview/**'])],
        },
      ],
    },
  },
  {
    // The MCP server (dist/mcp.js) is built from src/core alone: no vscode, no extension code.
    files: ['src/mcp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeBan, ...spawnBan],
          patterns: [upward(['**/extension/**', '**/protocol/**', '**/webview/**'])],
        },
      ],
    },
  },
  {
    files: ['src/extension/*/*.ts'],
    ignores: ['src/extension/shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoFeature, intoRoot] }] },
  },
  {
    // One error path for every command (README "Architecture"): registerReported wraps each handler.
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/shared/errors/withErrorReport.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='commands'][property.name=/^registerCommand$|^registerTextEditorCommand$/]",
          message:
            'Register commands with registerReported (shared/errors/withErrorReport.ts), so failures are reported one way.',
        },
      ],
    },
  },
  {
    files: ['src/extension/shared/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sharedUp(1)] }] },
  },
  {
    files: ['src/extension/shared/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sharedUp(2)] }] },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [vscodeBan, ...spawnBan], patterns: [upward(['**/extension/**', '**/webview/**'])] },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [vscodeBan, ...spawnBan], patterns: [upward(['**/src/extension/**', '**/extension/**'])] },
      ],
      // Webviews render server and workspace data: nothing may become markup or code.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
          property,
          message: 'Build DOM nodes with createElement/textContent: data must never become markup.',
        })),
        { object: 'document', property: 'write', message: 'Build DOM nodes with createElement/textContent.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML|insertAdjacentHTML)$/]',
          message: 'Build DOM nodes with createElement/textContent: data must never become markup.',
        },
      ],
    },
  },
  {
    // Size limits (README "Developing"): a file that outgrows them holds more than one
    // responsibility, and is split along them; blank lines and comments do not count.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 20],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // mocha's describe/it callbacks are promise-returning by design
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
