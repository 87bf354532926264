import { defineEventHandler, getRequestHeader } from 'h3'
import type { UserDto } from '../../contracts'
import { getProfile } from '../features/profile'
import { accessClaimsOf } from '../http/authenticate'
import { readSessionCookies } from '../http/session-cookies'
import { useIdentity } from '../identity'

declare module 'h3' {
  interface H3EventContext {
    /** For server-rendered pages: who is signed in, and the CSRF token their page must echo. */
    session?: { user: UserDto | null; csrfToken: string | null }
  }
}

/**
 * Before a page renders, works out who is signed in (refreshing an expired access cookie on the
 * way) so the page shows the right header without calling the API. Visitors without session
 * cookies cost nothing here.
 */
export default defineEventHandler(async (event) => {
  if (event.method !== 'GET' || event.path.startsWith('/api/') || event.path.startsWith('/_')) return
  if (!getRequestHeader(event, 'accept')?.includes('text/html')) return
  const identity = await useIdentity()
  const cookies = readSessionCookies(event, identity)
  if (!cookies.access && !cookies.refresh) {
    event.context.session = { user: null, csrfToken: null }
    return
  }
  const claims = await accessClaimsOf(identity, event)
  const profile = claims ? await getProfile(identity, claims.userId) : undefined
  event.context.session = {
    user: profile?.ok ? profile.value : null,
    // A transparent refresh may just have set a new cookie, which the request's cookies do not show.
    csrfToken: claims ? (event.context.csrfToken ?? cookies.csrf ?? null) : null,
  }
})
