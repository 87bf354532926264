import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { userDto } from '#layers/identity/contracts/api'
import { profileInput, updateProfile } from '#layers/identity/server/features/profile'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: "Change the signed-in user's name",
  access: 'signed-in',
  body: profileInput,
  response: userDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  return valueOrProblem(event, await updateProfile(identity, claims.userId, await readJson(event, contract.body)))
})
