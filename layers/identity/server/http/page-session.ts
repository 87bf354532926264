import type { H3Event } from 'h3'
import type { UserDto } from '../../contracts'
import { getProfile } from '../features/profile'
import type { Identity } from '../identity'
import { accessClaimsOf } from './authenticate'
import { readSessionCookies } from './session-cookies'

/** What a page shows of the session: who is signed in, and the CSRF token its changes must echo. */
export interface PageSession {
  user: UserDto | null
  csrfToken: string | null
}

/**
 * The browser's session from its cookies, refreshing an expired access cookie on the way. A
 * visitor without session cookies costs nothing here.
 */
export async function pageSession(event: H3Event, identity: Identity): Promise<PageSession> {
  const cookies = readSessionCookies(event, identity)
  if (!cookies.access && !cookies.refresh) return { user: null, csrfToken: null }
  const claims = await accessClaimsOf(identity, event)
  const profile = claims ? await getProfile(identity, claims.userId) : undefined
  return {
    user: profile?.ok ? profile.value : null,
    // A transparent refresh may just have set a new cookie, which the request's cookies do not show.
    csrfToken: claims ? (event.context.csrfToken ?? cookies.csrf ?? null) : null,
  }
}
