import { defineEventHandler, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { forgotPassword, forgotPasswordInput } from '#layers/identity/server/features/reset-password'
import { backToForm } from '#layers/identity/server/http/form-posts'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * POST /api/v1/identity/forgot-password: 202 whether or not the email has an account. The page's
 * form posted without JavaScript is answered with a redirect.
 */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, forgotPasswordInput)
    const sent = form.ok ? await forgotPassword(identity, form.value.email, clientIp(event)) : form
    return sent.ok ? sendRedirect(event, '/forgot-password?sent=1', 303) : backToForm(event, '/forgot-password', sent)
  }
  const { email } = await readJson(event, forgotPasswordInput)
  valueOrProblem(event, await forgotPassword(identity, email, clientIp(event)), 202)
  return { message: 'If an account uses this email, a link to reset its password is on its way.' }
})
