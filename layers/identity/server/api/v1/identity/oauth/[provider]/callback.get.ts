import { defineEventHandler, getRequestURL, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { valueOrProblem } from '#kernel/http/respond'
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
  const query = getRequestURL(event).searchParams
  const signedIn = await completeOAuth(identity, provider, query, binding, clientIp(event))
  // A person is looking at this response: back to the login page, which explains the code.
  if (!signedIn.ok && signedIn.code) return sendRedirect(event, `/login?error=${signedIn.code}`, 302)
  const { grant, returnTo } = valueOrProblem(event, signedIn)
  setSessionCookies(event, identity, grant)
  return sendRedirect(event, returnTo, 302)
})
