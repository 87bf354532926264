import { defineEventHandler } from 'h3'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { profileInput, updateProfile } from '#layers/identity/server/features/profile'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** PATCH /api/v1/identity/me: change first or last name. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  return valueOrProblem(event, await updateProfile(identity, claims.userId, await readJson(event, profileInput)))
})
