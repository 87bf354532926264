import { defineEventHandler, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { resetPassword, resetPasswordInput } from '#layers/identity/server/features/reset-password'
import { backToForm } from '#layers/identity/server/http/form-posts'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * POST /api/v1/identity/reset-password: { token, newPassword }; every session of the account ends.
 * The page's form posted without JavaScript is answered with a redirect; a refused password keeps
 * the mailed link usable, so the page gets its token back.
 */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, resetPasswordInput)
    const reset = form.ok ? await resetPassword(identity, form.value, clientIp(event)) : form
    if (reset.ok) return sendRedirect(event, '/reset-password?done=1', 303)
    const keep: Record<string, string> = form.ok && reset.code !== 'link-invalid' ? { token: form.value.token } : {}
    return backToForm(event, '/reset-password', reset, undefined, keep)
  }
  const input = await readJson(event, resetPasswordInput)
  return noContentOrProblem(event, await resetPassword(identity, input, clientIp(event)))
})
