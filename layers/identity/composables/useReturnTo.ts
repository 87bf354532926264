import { computed } from 'vue'
import { safeReturnTo } from '../contracts'

/** Where to go once signed in (`?returnTo=…`), and links between the sign-in pages that keep it. */
export function useReturnTo() {
  const route = useRoute()
  const returnTo = computed(() => safeReturnTo(route.query.returnTo))
  const linkTo = (path: string) =>
    computed(() => ({ path, query: returnTo.value === '/' ? {} : { returnTo: returnTo.value } }))
  return { returnTo, linkTo }
}

/** The slice a page's form posts to before (or without) JavaScript, keeping where to go next. */
export const formAction = (slice: string, returnTo = '/') =>
  `/api/v1/identity/${slice}${returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`
