import { computed } from 'vue'
import { safeReturnTo } from '../stores/session'

/** Where to go once signed in (`?returnTo=…`), and links between the sign-in pages that keep it. */
export function useReturnTo() {
  const route = useRoute()
  const returnTo = computed(() => safeReturnTo(route.query.returnTo))
  const linkTo = (path: string) =>
    computed(() => ({ path, query: returnTo.value === '/' ? {} : { returnTo: returnTo.value } }))
  return { returnTo, linkTo }
}
