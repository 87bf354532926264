import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { changePassword, changePasswordInput } from '#layers/identity/server/features/change-password'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Change the password',
  description: 'Needs the current password. Every other session of the account ends; this one stays signed in.',
  access: 'signed-in',
  body: changePasswordInput,
  status: 204,
  response: null,
  refusals: [404, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  const input = await readJson(event, contract.body)
  return noContentOrProblem(event, await changePassword(identity, claims, input, clientIp(event)))
})
