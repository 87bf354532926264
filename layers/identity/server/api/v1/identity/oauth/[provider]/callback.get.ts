import { defineEventHandler, getRequestURL, sendRedirect } from 'h3'
import { z } from 'zod'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { valueOrProblem } from '#kernel/http/respond'
import { completeOAuth } from '#layers/identity/server/features/oauth-sign-in'
import { takeOAuthBinding } from '#layers/identity/server/http/oauth-binding-cookie'
import { oauthProviderOf } from '#layers/identity/server/http/oauth-provider-param'
import { startCookieSession } from '#layers/identity/server/http/session-cookies'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Where the provider sends the browser back',
  description: 'Signed in: a 302 to where the sign-in started. Refused: a 302 to `/login?error=<oauth-…>`.',
  access: 'public',
  params: z.object({ provider: z.enum(['google', 'github']) }),
  query: z.object({ state: z.string().optional(), code: z.string().optional(), error: z.string().optional() }),
  status: 302,
  response: null,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const provider = oauthProviderOf(event, identity)
  const binding = takeOAuthBinding(event, identity)
  const query = getRequestURL(event).searchParams
  const signedIn = await completeOAuth(identity, provider, query, binding, clientIp(event))
  // A person is looking at this response: back to the login page, which explains the code.
  if (!signedIn.ok && signedIn.code) return sendRedirect(event, `/login?error=${signedIn.code}`, 302)
  const { grant, returnTo } = valueOrProblem(event, signedIn)
  await startCookieSession(event, identity, grant)
  return sendRedirect(event, returnTo, 302)
})
