import { defineEventHandler, getQuery, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { valueOrProblem } from '#kernel/http/respond'
import { safeReturnTo } from '#layers/identity/contracts'
import { beginOAuth } from '#layers/identity/server/features/oauth-sign-in'
import { setOAuthBinding } from '#layers/identity/server/http/oauth-binding-cookie'
import { oauthProviderOf } from '#layers/identity/server/http/oauth-provider-param'
import { useIdentity } from '#layers/identity/server/identity'

/** GET /api/v1/identity/oauth/{google|github}[?returnTo=/path]: off to the provider. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const provider = oauthProviderOf(event, identity)
  const returnTo = safeReturnTo(getQuery(event).returnTo)
  const { url, binding } = valueOrProblem(event, await beginOAuth(identity, provider, returnTo, clientIp(event)))
  setOAuthBinding(event, identity, binding)
  return sendRedirect(event, url, 302)
})
