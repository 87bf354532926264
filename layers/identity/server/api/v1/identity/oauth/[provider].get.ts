import { defineEventHandler, getQuery, sendRedirect } from 'h3'
import { z } from 'zod'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { valueOrProblem } from '#kernel/http/respond'
import { safeReturnTo } from '#layers/identity/contracts'
import { beginOAuth } from '#layers/identity/server/features/oauth-sign-in'
import { setOAuthBinding } from '#layers/identity/server/http/oauth-binding-cookie'
import { oauthProviderOf } from '#layers/identity/server/http/oauth-provider-param'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Start signing in with Google or GitHub',
  description:
    'A 302 to the provider (PKCE, state, and a nonce for Google); `returnTo` is where the shopper comes back to.',
  access: 'public',
  params: z.object({ provider: z.enum(['google', 'github']) }),
  query: z.object({ returnTo: z.string().optional() }),
  status: 302,
  response: null,
  refusals: [404, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const provider = oauthProviderOf(event, identity)
  const returnTo = safeReturnTo(getQuery(event).returnTo)
  const { url, binding } = valueOrProblem(event, await beginOAuth(identity, provider, returnTo, clientIp(event)))
  setOAuthBinding(event, identity, binding)
  return sendRedirect(event, url, 302)
})
