export default defineNuxtConfig({
  $meta: { name: 'ordering' },
})
