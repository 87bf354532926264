export default defineNuxtConfig({
  $meta: { name: 'basket' },
})
