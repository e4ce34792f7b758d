import tseslint from 'typescript-eslint';

/**
 * Lint: typescript-eslint's recommended rules, no floating promises, no file over 300 lines, plus
 * this project's own rules for the suites. Each rule message says how to fix the problem.
 */

const SLEEP_HINT =
  'Tests wait for events, not for time: arm notifications.expect(...) before the operation and await it after; ' +
  "for a 'must not arrive' check use notifications.expectQuiet(...), the one sanctioned timer.";

const gws = {
  rules: {
    'no-sleep': {
      meta: { type: 'problem', messages: { sleep: `{{name}} in a spec. ${SLEEP_HINT}` }, schema: [] },
      create(context) {
        const banned = new Set(['setTimeout', 'setInterval', 'waitForTimeout', 'sleep', 'delay']);
        return {
          CallExpression(node) {
            const callee = node.callee;
            const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined;
            if (name && banned.has(name)) context.report({ node, messageId: 'sleep', data: { name } });
          },
        };
      },
    },
    'test-meta': {
      meta: {
        type: 'problem',
        messages: {
          missing:
            'Every test needs its metadata as second argument: test(title, meta({ id, page, requirements }), body); features come from the page unless given. See helpers/meta.ts.',
        },
        schema: [],
      },
      create(context) {
        return {
          CallExpression(node) {
            if (node.callee.type !== 'Identifier' || node.callee.name !== 'test') return;
            const details = node.arguments[1];
            const ok = details && details.type === 'CallExpression' && details.callee.type === 'Identifier' && details.callee.name === 'meta';
            if (!ok) context.report({ node, messageId: 'missing' });
          },
        };
      },
    },
    'test-in-spec': {
      meta: {
        type: 'problem',
        messages: {
          outside:
            'Tests are written in their spec file (suites/<area>/<operation>.spec.ts), where a reader and the spec rules see them; shared files offer scenes and step builders only.',
        },
        schema: [],
      },
      create(context) {
        const spec = context.filename.endsWith('.spec.ts');
        const defining = new Set(['describe', 'only', 'skip', 'fixme', 'fail']);
        return {
          CallExpression(node) {
            if (spec) return;
            const callee = node.callee;
            const direct = callee.type === 'Identifier' && callee.name === 'test';
            const member =
              callee.type === 'MemberExpression' &&
              callee.object.type === 'Identifier' &&
              callee.object.name === 'test' &&
              callee.property.type === 'Identifier' &&
              defining.has(callee.property.name);
            if (direct || member) context.report({ node, messageId: 'outside' });
          },
        };
      },
    },
    'import-harness': {
      meta: {
        type: 'problem',
        messages: { direct: "Specs import test, expect, meta and steps from '../harness' only (it carries the fixtures and matchers), not from {{source}}." },
        schema: [],
      },
      create(context) {
        return {
          ImportDeclaration(node) {
            const source = String(node.source.value);
            if (source === '@playwright/test' || source.includes('/helpers/')) context.report({ node, messageId: 'direct', data: { source } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', '!reports/**/', '!reports/**/*.ts', 'test-results/**', 'playwright-report/**', 'blob-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its failure; a file past 300 lines holds
    // more than one idea.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    // Imports run one way: specs → helpers → client and recorder; the command-line entry points
    // (scripts/) → the report code. The library folders never reach back.
    files: ['catalogue/**/*.ts', 'helpers/**/*.ts', 'mock/**/*.ts', 'reports/**/*.ts', 'explore/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/scripts/*'], message: 'Command-line entry points live in scripts/ and import the library code, never the reverse.' },
            { group: ['**/suites/*', '**/suites/**'], message: 'Only specs live in suites/; what helpers need comes from helpers/ or catalogue/.' },
          ],
        },
      ],
    },
  },
  {
    // Every file of the suites but the harness (which re-exports the helpers): a test is written
    // in a spec, and what a spec's shared files do follows the spec rules.
    files: ['suites/**/*.ts'],
    ignores: ['suites/harness.ts'],
    plugins: { gws },
    rules: { 'gws/no-sleep': 'error', 'gws/test-meta': 'error', 'gws/import-harness': 'error', 'gws/test-in-spec': 'error', 'no-restricted-syntax': 'off' },
  },
);
