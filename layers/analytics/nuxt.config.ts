export default defineNuxtConfig({
  $meta: { name: 'analytics' },
})
