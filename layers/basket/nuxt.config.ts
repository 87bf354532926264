export default defineNuxtConfig({
  $meta: { name: 'basket' },
  // One shopper's cart: no browser history cache, proxy or CDN may keep it.
  routeRules: { '/cart': { headers: { 'cache-control': 'private, no-store' } } },
})
