import { computed } from 'vue'

/**
 * The one-time token of a link we emailed (`?token=…`), or '' when the link lost it. The token is in
 * the address: the page stays out of search engines and out of the Referer sent to other sites.
 */
export function useLinkToken() {
  useHead({
    meta: [
      { name: 'robots', content: 'noindex' },
      { name: 'referrer', content: 'no-referrer' },
    ],
  })
  const route = useRoute()
  return computed(() => {
    const value = Array.isArray(route.query.token) ? route.query.token[0] : route.query.token
    return typeof value === 'string' ? value.trim() : ''
  })
}
