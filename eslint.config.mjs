// The boundaries of architecture.md, enforced: the core stays free of Electron and React,
// the renderer reaches the core only through the typed contract, and only the preload and
// main/ipc.ts touch Electron's IPC objects. The layers inside app/ are kept by eslint/layers.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.mjs';

const electronAndUi = [
  { name: 'electron', message: 'app/ is pure TypeScript: Electron belongs in main/.' },
  { name: 'react', message: 'app/ is pure TypeScript: React belongs in renderer/.' },
  { name: 'react-dom', message: 'app/ is pure TypeScript: React belongs in renderer/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLI's launcher is plain CommonJS that loads the built bundle.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layers of app/ and what main/ and renderer/ may reach inside it (eslint/layers.mjs).
    files: ['app/**/*.ts', 'main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronAndUi,
          patterns: [
            { group: ['@mui/*', '@emotion/*'], message: 'app/ is pure TypeScript: UI libraries belong in renderer/.' },
            {
              group: ['**/main/*', '**/renderer/*', '../main/**', '../renderer/**', '../../main/**', '../../renderer/**'],
              message: 'app/ must not import from main/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core only through window.segApi.' }],
          patterns: [{ group: ['**/app/**'], allowTypeImports: true, message: 'The renderer may import only types from app/ (import type …).' }],
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,mjs}'],
    ignores: ['main/preload.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'electron', property: 'ipcRenderer', message: 'Only main/preload.ts touches ipcRenderer.' }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['main/preload.ts', 'main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only main/preload.ts touches ipcRenderer.' },
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Only main/ipc.ts touches ipcMain.' },
        // Under plain Node (core, CLI, web host, tests) require('electron') tries to download its binary and fails.
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'Do not require electron; main/ imports it as a module.' },
      ],
    },
  },
);
