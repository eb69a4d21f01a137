// The hard-coded-string lint: no user-visible literal in a component's JSX
// (text, or the attributes people read or hear). `npm test` runs it
// (src/i18n/lint.test.ts); `npx eslint src` runs it alone.
import tsParser from '@typescript-eslint/parser';
import i18next from 'eslint-plugin-i18next';

export const literalStringRule = [
  'error',
  {
    mode: 'jsx-only',
    'should-validate-template': true,
    'jsx-attributes': {
      include: ['label', 'hint', 'placeholder', 'title', 'alt', 'aria-label', 'aria-description', 'aria-roledescription', 'description', 'emptyText', 'confirmLabel'],
    },
    words: {
      // Symbols, digits, single letters and typographic marks are not words.
      exclude: [/^[\s\p{P}\p{S}\p{N}]*$/u, /^\s*\p{L}\s*$/u, /^\s*caja\s*$/iu, /^[A-Z_-]+$/],
    },
  },
];

export default [
  {
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx', 'src/test/**'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' },
    },
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': literalStringRule },
  },
];
