// Lighthouse's reference: a bare Nuxt page built by the same Nuxt as the shop, scored in the same
// rounds as the shop's pages (scripts/lighthouse.ts), so a score is read against what the framework
// alone gets on this machine at that moment.
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  future: { compatibilityVersion: 4 },
  srcDir: '.',
  devtools: { enabled: false },
  telemetry: false,
  app: {
    head: { htmlAttrs: { lang: 'en' }, meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }] },
  },
  nitro: { compressPublicAssets: { brotli: true, gzip: true } },
})
