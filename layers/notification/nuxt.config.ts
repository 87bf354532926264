export default defineNuxtConfig({
  $meta: { name: 'notification' },
})
