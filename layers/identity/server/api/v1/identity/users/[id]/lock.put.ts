import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { noContentOrProblem } from '#kernel/http/respond'
import { setAccountLock } from '#layers/identity/server/features/lock-account'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * PUT /api/v1/identity/users/{id}/lock { locked } (Admin): a locked account cannot sign in and
 * its sessions end at once; unlocking lets it sign in again.
 */
export default defineEventHandler(async (event) => {
  const admin = await requireRole(event, 'Admin')
  const { id } = readParams(event, z.object({ id: z.uuid() }))
  const { locked } = await readJson(event, z.object({ locked: z.boolean() }))
  return noContentOrProblem(event, await setAccountLock(await useIdentity(), id, locked, admin.userId, clientIp(event)))
})
