export default defineNuxtConfig({
  $meta: { name: 'inventory' },
})
