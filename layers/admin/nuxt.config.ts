export default defineNuxtConfig({
  $meta: { name: 'admin' },
})
