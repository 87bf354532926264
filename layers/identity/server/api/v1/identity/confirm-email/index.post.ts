import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { confirmEmail, oneTimeTokenInput } from '#layers/identity/server/features/confirm-email'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Confirm the email address with the mailed link',
  description: 'The token of the link sent at registration (or by resend); it works once, within 48 hours.',
  access: 'public',
  body: oneTimeTokenInput,
  status: 204,
  response: null,
  refusals: [429],
})

export default defineEventHandler(async (event) => {
  const { token } = await readJson(event, contract.body)
  return noContentOrProblem(event, await confirmEmail(await useIdentity(), token, clientIp(event)))
})
