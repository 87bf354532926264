// @ts-check
import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt({
  ignores: ['.data/**', '.bench/**', '.output/**'],
})
  .append({
    files: ['**/*.ts'],
    rules: {
      // Errors are values with meaning: never swallow them silently by accident.
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  })
  .append({
    files: ['**/*.vue'],
    rules: {
      // Prettier writes void elements as <input />; agree with it rather than fight it.
      'vue/html-self-closing': ['warn', { html: { void: 'always', normal: 'always', component: 'always' } }],
    },
  })
