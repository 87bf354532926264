import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { noContentOrProblem } from '#kernel/http/respond'
import { setAccountLock } from '#layers/identity/server/features/lock-account'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Lock or unlock an account',
  description: 'A locked account cannot sign in and its sessions end at once; unlocking lets it sign in again.',
  access: 'admin',
  params: z.object({ id: z.uuid() }),
  body: z.object({ locked: z.boolean() }),
  status: 204,
  response: null,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  const admin = await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const { locked } = await readJson(event, contract.body)
  return noContentOrProblem(event, await setAccountLock(await useIdentity(), id, locked, admin.userId, clientIp(event)))
})
