// CATALOG_DATABASE names the MongoDB database (default `catalog`); tests use one per run.
export default defineNuxtConfig({
  $meta: { name: 'catalog' },
  runtimeConfig: { catalogDatabase: '' },
})
