import { defineEventHandler, setResponseStatus } from 'h3'
import { z } from 'zod'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { logout } from '#layers/identity/server/features/logout'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { clearSessionCookies } from '#layers/identity/server/http/session-cookies'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Sign out',
  description: 'The access token stops working at once; `?everywhere=true` ends every session of the account.',
  access: 'signed-in',
  query: z.object({ everywhere: z.enum(['true', 'false']).optional() }),
  status: 204,
  response: null,
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  await logout(identity, claims, clientIp(event), readQuery(event, contract.query).everywhere === 'true')
  clearSessionCookies(event, identity)
  setResponseStatus(event, 204)
  return null
})
