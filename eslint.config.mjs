// Lint gate (`npm run lint`): type-aware checks for promises nobody awaits or that land where a
// callback expects a plain value, and the determinism rules of Temporal workflow code.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Workflow code runs in a sandbox that replays history: it may not reach for I/O, Node modules,
// real time or randomness, and it should not pull zod or Prisma into every workflow isolate.
const workflowImportRules = {
  patterns: [
    { regex: '^node:', message: 'Node built-ins are not deterministic and not available in the workflow sandbox.' },
    {
      regex:
        '^(assert|async_hooks|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs/promises|http|http2|https|net|os|path|perf_hooks|process|readline|stream|timers|tls|url|util|v8|vm|worker_threads|zlib)$',
      message: 'Node built-ins are not deterministic and not available in the workflow sandbox.',
    },
    { regex: '^zod(/|$)', message: 'Validate at the edges (API, activities), not in workflow code.' },
    { regex: '^@prisma/', message: 'Database access belongs in activities.' },
    { regex: '^(\\.\\./)+generated(/|$)', message: 'Prisma clients belong in activities.' },
    { regex: '^(\\.\\./)+db(/|$)', message: 'Database access belongs in activities.' },
    {
      // workflows/shared/activities.ts (the proxies) is workflow code; the activity modules are not.
      regex: '^(\\.\\./)+activities(/|$)',
      allowTypeImports: true,
      message: 'Import activities as types only and call them through proxyActivities (workflows/shared/activities.ts).',
    },
    {
      regex: '^@temporalio/(client|worker|activity|testing)(/|$)',
      message: 'Workflow code may import only @temporalio/workflow (and @temporalio/common).',
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'node_modules/**',
      'generated/**',
      'data/**',
      'dist/**',
      'coverage/**',
      '.tools/**',
      'prisma/**/migrations/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // The tree is strict TypeScript already; these recommended rules would only restate choices
      // made on purpose (test helpers typed `any`, empty catch-alls, require() for JSON/bundles).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Modules outside workflows/ that workflow code imports are bundled into the sandbox too.
    files: ['workflows/**/*.ts', 'domain/procurement/approval-policy.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', workflowImportRules],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow: a timer the history records.' },
        { name: 'setInterval', message: 'Use sleep() in a loop: a timer the history records.' },
        { name: 'setImmediate', message: 'Use sleep() from @temporalio/workflow: a timer the history records.' },
        { name: 'process', message: 'Workflow code sees no environment: pass settings in the workflow input.' },
        { name: 'require', message: 'Import statically so the workflow bundle is complete and deterministic.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Not replayable: use uuid4() or pass randomness in from an activity.' },
        { object: 'globalThis', property: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { object: 'globalThis', property: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
        { object: 'globalThis', property: 'process', message: 'Workflow code sees no environment.' },
      ],
    },
  },
);
