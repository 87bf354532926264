import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { register, registerInput } from '#layers/identity/server/features/register'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/register: a Customer account, signed in; 409 when the email is taken. */
export default defineEventHandler(async (event) => {
  const input = await readJson(event, registerInput)
  const identity = await useIdentity()
  return respondWithSession(event, identity, await register(identity, input, clientIp(event)), { status: 201 })
})
