export default defineNuxtConfig({
  $meta: { name: 'payment' },
})
