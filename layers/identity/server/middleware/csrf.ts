import { timingSafeEqual } from 'node:crypto'
import { createError, defineEventHandler, getRequestHeader } from 'h3'
import { takesForms } from '#kernel/http/body-rules'
import { isFormPost } from '#kernel/http/read-form'
import { useIdentity } from '../identity'
import { readSessionCookies } from '../http/session-cookies'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** These act on what the body proves (a password, a mailed token), never on the session cookie. */
const WITHOUT_COOKIE_AUTHORITY = new Set(
  ['login', 'register', 'forgot-password', 'reset-password', 'confirm-email'].map((name) => `/api/v1/identity/${name}`),
)

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const forbidden = (message: string) => createError({ statusCode: 403, message })

/**
 * CSRF defence for every state-changing API request (ASVS 5.0 V3.5). A request another site made
 * the browser send is refused by Sec-Fetch-Site, or by Origin where a browser does not send it.
 * A request that rides on the session cookies must also echo the CSRF cookie in `x-csrf-token`,
 * which no cross-site form or simple request can do. A page's form posted without JavaScript cannot
 * set a header: there the browser's own positive proof that the post comes from this site
 * (`Sec-Fetch-Site: same-origin`, or our Origin) stands in for the token, so the forms also work on
 * cached pages, which carry no one's token.
 */
export default defineEventHandler(async (event) => {
  if (SAFE_METHODS.has(event.method) || !event.path.startsWith('/api/')) return
  const identity = await useIdentity()

  const site = getRequestHeader(event, 'sec-fetch-site')
  const origin = getRequestHeader(event, 'origin')
  if (
    site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && origin !== new URL(identity.publicUrl).origin
  )
    throw forbidden('Cross-site requests cannot change anything here.')

  if (getRequestHeader(event, 'authorization')) return
  const path = event.path.split('?')[0]!
  if (WITHOUT_COOKIE_AUTHORITY.has(path)) return
  const cookies = readSessionCookies(event, identity)
  if (!cookies.access && !cookies.refresh) return
  if (
    isFormPost(event) &&
    takesForms(path) &&
    (site === 'same-origin' || origin === new URL(identity.publicUrl).origin)
  )
    return
  const header = getRequestHeader(event, 'x-csrf-token')
  if (!cookies.csrf || !header || !sameToken(header, cookies.csrf))
    throw forbidden('The x-csrf-token header is missing or does not match; reload the page and try again.')
})
