import { defineEventHandler } from 'h3'
import { clientIp } from '../../../../../../server/http/client-ip'
import { readJson } from '../../../../../../server/http/read-json'
import { login, loginInput } from '../../../features/login'
import { respondWithSession } from '../../../http/respond-with-session'
import { useIdentity } from '../../../identity'

/** POST /api/v1/identity/login: a new session; one 401 for every wrong email or password. */
export default defineEventHandler(async (event) => {
  const input = await readJson(event, loginInput)
  const identity = await useIdentity()
  return respondWithSession(event, identity, await login(identity, input, clientIp(event)))
})
