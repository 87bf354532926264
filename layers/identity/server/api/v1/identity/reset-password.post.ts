import { defineEventHandler, setResponseStatus } from 'h3'
import { clientIp } from '../../../../../../server/http/client-ip'
import { readJson } from '../../../../../../server/http/read-json'
import { resetPassword, resetPasswordInput } from '../../../features/reset-password'
import { useIdentity } from '../../../identity'

/** POST /api/v1/identity/reset-password: { token, newPassword }; every session of the account ends. */
export default defineEventHandler(async (event) => {
  const input = await readJson(event, resetPasswordInput)
  await resetPassword(await useIdentity(), input, clientIp(event))
  setResponseStatus(event, 204)
  return null
})
