import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { login, loginInput } from '#layers/identity/server/features/login'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/login: a new session; one 401 for every wrong email or password. */
export default defineEventHandler(async (event) => {
  const input = await readJson(event, loginInput)
  const identity = await useIdentity()
  return respondWithSession(event, identity, await login(identity, input, clientIp(event)))
})
