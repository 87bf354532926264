import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { confirmEmail, oneTimeTokenInput } from '#layers/identity/server/features/confirm-email'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/confirm-email: { token } from the mailed link. */
export default defineEventHandler(async (event) => {
  const { token } = await readJson(event, oneTimeTokenInput)
  return noContentOrProblem(event, await confirmEmail(await useIdentity(), token, clientIp(event)))
})
