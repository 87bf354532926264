import { defineEventHandler, setResponseStatus } from 'h3'
import { clientIp } from '../../../../../../server/http/client-ip'
import { readJson } from '../../../../../../server/http/read-json'
import { confirmEmail, oneTimeTokenInput } from '../../../features/confirm-email'
import { useIdentity } from '../../../identity'

/** POST /api/v1/identity/confirm-email: { token } from the mailed link. */
export default defineEventHandler(async (event) => {
  const { token } = await readJson(event, oneTimeTokenInput)
  await confirmEmail(await useIdentity(), token, clientIp(event))
  setResponseStatus(event, 204)
  return null
})
