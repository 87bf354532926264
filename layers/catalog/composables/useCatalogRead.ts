import type { CatalogPageReader } from '../server/http/page-reader'

/**
 * A catalog page's data: read straight from the catalog while rendering on the server (no HTTP
 * call to our own API), fetched from `/api/v1/catalog/…` after client-side navigation.
 */
export function useCatalogRead<T>(
  key: () => string,
  onServer: (reader: CatalogPageReader) => Promise<T>,
  onClient: () => Promise<T>,
) {
  return useAsyncData(
    key,
    () => {
      if (import.meta.server) {
        const reader = useRequestEvent()?.context.catalog
        if (!reader) throw new Error('the catalog plugin has not set up the page reader')
        return onServer(reader)
      }
      return onClient()
    },
    { watch: [key] },
  )
}
