import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { resetPassword, resetPasswordInput } from '#layers/identity/server/features/reset-password'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/reset-password: { token, newPassword }; every session of the account ends. */
export default defineEventHandler(async (event) => {
  const input = await readJson(event, resetPasswordInput)
  return noContentOrProblem(event, await resetPassword(await useIdentity(), input, clientIp(event)))
})
