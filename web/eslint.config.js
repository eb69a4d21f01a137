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

const [, literalOptions] = literalStringRule;
const visibleAttributes = new Set(literalOptions['jsx-attributes'].include);
const notWords = literalOptions.words.exclude;

/**
 * The i18next rule skips everything under an attribute it does not read
 * (`actions={<Button>Start</Button>}`): this one reads JSX text, and the
 * visible attributes' strings, there.
 */
const textInAttributes = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const underOtherAttribute = (node) => {
      for (let n = node.parent; n; n = n.parent) {
        if (n.type === 'JSXAttribute' && n !== node.parent && !visibleAttributes.has(n.name.name)) return true;
      }
      return false;
    };
    const check = (node, text) => {
      if (!text.trim() || notWords.some((re) => re.test(text))) return;
      if (underOtherAttribute(node)) context.report({ node, message: `disallow literal string (inside a JSX attribute): ${text.trim()}` });
    };
    return {
      JSXText: (node) => check(node, node.value),
      'JSXAttribute > Literal': (node) => {
        if (typeof node.value === 'string' && visibleAttributes.has(node.parent.name.name)) check(node, node.value);
      },
    };
  },
};

export default [
  {
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx', 'src/test/**'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' },
    },
    plugins: { i18next, caja: { rules: { 'text-in-attributes': textInAttributes } } },
    rules: { 'i18next/no-literal-string': literalStringRule, 'caja/text-in-attributes': 'error' },
  },
];
