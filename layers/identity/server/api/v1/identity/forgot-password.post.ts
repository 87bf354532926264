import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { forgotPassword, forgotPasswordInput } from '#layers/identity/server/features/reset-password'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/forgot-password: 202 whether or not the email has an account. */
export default defineEventHandler(async (event) => {
  const { email } = await readJson(event, forgotPasswordInput)
  valueOrProblem(event, await forgotPassword(await useIdentity(), email, clientIp(event)), 202)
  return { message: 'If an account uses this email, a link to reset its password is on its way.' }
})
