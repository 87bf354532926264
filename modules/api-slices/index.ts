import { defineNuxtModule } from '@nuxt/kit'

/**
 * Collects every API route Nitro found (the kernel's and each layer's `server/api`) with its
 * slice's `contract` into the virtual module `#api-slices`, which `/api/openapi.json` describes.
 * Routes come from Nitro's own scan, so the document lists exactly what the server answers.
 */
export default defineNuxtModule({
  meta: { name: 'api-slices' },
  setup(_options, nuxt) {
    nuxt.hook('nitro:init', (nitro) => {
      nitro.options.virtual['#api-slices'] = () => {
        // The catch-all that answers 404 for unknown API paths is no route of the API.
        const routes = nitro.scannedHandlers.filter(
          (handler) => !handler.middleware && handler.route?.startsWith('/api/') && !handler.route.includes('**'),
        )
        const imports = routes.map((route, i) => `import * as s${i} from ${JSON.stringify(route.handler)}`)
        const entries = routes.map(
          (route, i) =>
            // A getter: /api/openapi.json is among these routes and imports this module in turn.
            `{ route: ${JSON.stringify(route.route)}, method: ${JSON.stringify(route.method ?? 'all')}, get contract() { return s${i}.contract } }`,
        )
        return `${imports.join('\n')}\nexport default [${entries.join(',\n')}]\n`
      }
    })
  },
})
