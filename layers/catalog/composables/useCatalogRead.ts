import type { AsyncDataRequestStatus, NuxtError } from '#app'
import type { Ref } from 'vue'
import type { CatalogPageReader } from '../shared/page-reader'
import { isCatalogJson, type CatalogJson } from '../shared/catalog-json'

/** What a catalog page reads: the value, the error, and where the read stands. */
export interface CatalogReadState<T> {
  data: Ref<T | undefined>
  error: Ref<NuxtError | undefined>
  status: Ref<AsyncDataRequestStatus>
}

/** Awaited in a page's setup, or used at once in a component that renders when the read is done. */
export type CatalogRead<T> = Promise<CatalogReadState<T>> & CatalogReadState<T>

/**
 * A catalog page's data: read straight from the catalog while rendering on the server (no HTTP
 * call to our own API), fetched from `/api/v1/catalog/…` after client-side navigation.
 */
export function useCatalogRead<T>(
  key: () => string,
  onServer: (reader: CatalogPageReader) => Promise<T | CatalogJson<T>>,
  onClient: () => Promise<T>,
): CatalogRead<T> {
  if (import.meta.server) return readOnServer(key(), onServer)
  return useAsyncData(key, onClient, { watch: [key] }) as CatalogRead<T>
}

/**
 * The server's side: one read, its value left in the payload under `key` (as its JSON text, when
 * the catalog had it as text), where the browser's `useAsyncData` finds it while hydrating. A
 * render reads each key once and never refreshes or cancels it, so Nuxt's per-call machinery for
 * that (abort controllers, dedupe, refresh hooks) would cost every page render for nothing.
 */
function readOnServer<T>(
  key: string,
  read: (reader: CatalogPageReader) => Promise<T | CatalogJson<T>>,
): CatalogRead<T> {
  const nuxtApp = useNuxtApp()
  const reader = useRequestEvent()?.context.catalog
  if (!reader) throw new Error('the catalog plugin has not set up the page reader')
  const state: CatalogReadState<T> = {
    data: shallowRef(),
    error: shallowRef(),
    status: shallowRef('pending'),
  }
  const done = read(reader).then(
    (value) => {
      nuxtApp.payload.data[key] = value
      state.data.value = isCatalogJson(value) ? value.value : value
      state.status.value = 'success'
    },
    (cause: unknown) => {
      const error = createError(cause as Error)
      nuxtApp.payload._errors[key] = error
      state.error.value = error
      state.status.value = 'error'
    },
  )
  // A component that does not await the read still renders with its value.
  if (getCurrentInstance()) onServerPrefetch(() => done)
  return Object.assign(
    done.then(() => state),
    state,
  )
}
