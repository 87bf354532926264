import { defineEventHandler, getRequestURL, isError, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { completeOAuth } from '#layers/identity/server/features/oauth-sign-in'
import { takeOAuthBinding } from '#layers/identity/server/http/oauth-binding-cookie'
import { oauthProviderOf } from '#layers/identity/server/http/oauth-provider-param'
import { setSessionCookies } from '#layers/identity/server/http/session-cookies'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * GET /api/v1/identity/oauth/{provider}/callback: the provider sends the browser back here; it
 * leaves signed in (302 to where it started) or on /login?error=<oauth-…> saying why not.
 */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const provider = oauthProviderOf(event, identity)
  const binding = takeOAuthBinding(event, identity)
  try {
    const query = getRequestURL(event).searchParams
    const { grant, returnTo } = await completeOAuth(identity, provider, query, binding, clientIp(event))
    setSessionCookies(event, identity, grant)
    return sendRedirect(event, returnTo, 302)
  } catch (error) {
    // A person is looking at this response: back to the login page, which explains the code.
    const code = isError(error) && error.statusCode === 400 ? (error.data as { code?: string })?.code : undefined
    if (!code) throw error
    return sendRedirect(event, `/login?error=${code}`, 302)
  }
})
