export default defineNuxtConfig({
  $meta: { name: 'catalog' },
})
