import { jsonTextOf } from '../shared/catalog-json'

// A server render puts catalog reads into the payload as their JSON text; the browser parses it back.
export default definePayloadPlugin(() => {
  definePayloadReducer('CatalogJson', jsonTextOf)
  definePayloadReviver('CatalogJson', (text: string) => JSON.parse(text) as unknown)
})
