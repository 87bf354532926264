import { fileURLToPath } from 'node:url'

// Settings are read from plain environment variables (DATABASE_URL, not NUXT_DATABASE_URL):
// `envPrefix: ''` maps each camelCase key below to its SCREAMING_SNAKE_CASE variable at run time.
// server/config/settings.ts validates them with zod before anything connects.
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  future: { compatibilityVersion: 4 },
  srcDir: '.',
  serverDir: 'server',
  devtools: { enabled: false },
  telemetry: false,
  modules: ['@pinia/nuxt', '@nuxt/eslint'],
  imports: { scan: false },
  pinia: { storesDirs: [] },
  typescript: { strict: true },
  css: ['~/assets/css/tokens.css', '~/assets/css/shell.css', '~/assets/css/kit.css', '~/assets/css/shop.css'],
  // Every style a page uses travels inside it: the first paint waits for no stylesheet request.
  features: { inlineStyles: true },
  // A link fetches its page's code when a shopper reaches for it (hover, focus, touch), not as soon
  // as it scrolls into view: a phone that opens a page does not also load every page its header names.
  // No app manifest: the shop has no client-side route rules to look up, so the browser need not
  // fetch one before its first navigation (nor poll it for a newer build).
  experimental: {
    defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } },
    appManifest: false,
  },
  app: {
    head: {
      htmlAttrs: { lang: 'en-IE' },
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
    },
  },
  runtimeConfig: {
    nitro: { envPrefix: '' },
    databaseUrl: '',
    redisUrl: '',
    redisKeyPrefix: '',
    mongodbUrl: '',
    amqpUrl: '',
    busPrefix: 'shop',
    publicUrl: 'http://localhost:3000',
    trustProxyHops: 0,
    dataDir: '.data',
    logLevel: 'info',
    maxBodyBytes: 1_048_576,
    public: {
      // PUBLIC_SHOP_NAME: the name in the logo, the titles and the footer.
      shopName: 'Larkspur',
    },
  },
  nitro: {
    imports: false,
    // Scripts, styles and fonts are kept as brotli and gzip next to themselves, served as the browser takes them.
    compressPublicAssets: { brotli: true, gzip: true },
    experimental: { tasks: true },
    scheduledTasks: { '17 3 * * *': ['messaging:cleanup'] },
    externals: {
      // Node ≥ 20.19 loads a package's `module-sync` export (async-function's, under SendGrid's
      // axios), which the tracer skips on Node 20: without this, `.output` would miss those files.
      traceOptions: { conditions: ['production', 'node', 'module-sync'] },
    },
  },
  hooks: {
    // API routes answer errors as problem+json; page errors keep Nuxt's error page (error.vue).
    'nitro:config'(config) {
      const nuxtHandler = config.errorHandler
      const apiHandler = fileURLToPath(new URL('./server/http/problem-error-handler.ts', import.meta.url))
      config.errorHandler = [
        apiHandler,
        ...(Array.isArray(nuxtHandler) ? nuxtHandler : nuxtHandler ? [nuxtHandler] : []),
      ]
    },
  },
  eslint: { config: { stylistic: false } },
})
