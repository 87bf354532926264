// @ts-check
import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt({
  ignores: ['.data/**', '.bench/**', '.output/**'],
}).append({
  files: ['**/*.ts'],
  rules: {
    // Errors are values with meaning: never swallow them silently by accident.
    'no-empty': ['error', { allowEmptyCatch: false }],
    '@typescript-eslint/no-explicit-any': 'error',
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
  },
})
