export default defineNuxtConfig({
  $meta: { name: 'identity' },
})
