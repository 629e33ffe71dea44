// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.tmp/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: [
      'db/**',
      'core/**',
      'cli/**',
      'electron/**',
      'web/**',
      'scripts/**',
      'bench/**',
      'e2e/**',
      '*.config.*',
      'renderer/vite.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    // Unit tests of renderer logic run in Node (node:test), not in the page.
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches the backend only through the contract's client.
      // Types from the preload (QinglianBridge) are fine; code is not.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/web/**', '**/electron/*', 'node:*', 'better-sqlite3'],
              message: 'renderer 只能通过 core/api 的客户端访问后端',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**', 'db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/electron/**', '**/web/**', '**/renderer/**', 'react', 'react-dom'],
              message: 'core/db 不依赖外壳或界面',
            },
          ],
        },
      ],
    },
  },
);
