import { defineEventHandler, setResponseStatus } from 'h3'
import { z } from 'zod'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { clientIp } from '../../../../../../../../server/http/client-ip'
import { readJson } from '../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../server/http/read-query'
import { setAccountLock } from '../../../../../features/lock-account'
import { useIdentity } from '../../../../../identity'

/**
 * PUT /api/v1/identity/users/{id}/lock { locked } (Admin): a locked account cannot sign in and
 * its sessions end at once; unlocking lets it sign in again.
 */
export default defineEventHandler(async (event) => {
  const admin = await requireRole(event, 'Admin')
  const { id } = readParams(event, z.object({ id: z.uuid() }))
  const { locked } = await readJson(event, z.object({ locked: z.boolean() }))
  await setAccountLock(await useIdentity(), id, locked, admin.userId, clientIp(event))
  setResponseStatus(event, 204)
  return null
})
