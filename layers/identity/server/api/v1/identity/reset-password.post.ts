import { defineEventHandler, sendRedirect } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { resetPassword, resetPasswordInput } from '#layers/identity/server/features/reset-password'
import { backToForm } from '#layers/identity/server/http/form-posts'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Choose a new password with the mailed link',
  description:
    "Every session of the account ends. The page's form posted without JavaScript gets a 303; a refused password keeps the link usable.",
  access: 'public',
  body: resetPasswordInput,
  form: true,
  status: 204,
  response: null,
  refusals: [429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, contract.body)
    const reset = form.ok ? await resetPassword(identity, form.value, clientIp(event)) : form
    if (reset.ok) return sendRedirect(event, '/reset-password?done=1', 303)
    const keep: Record<string, string> = form.ok && reset.code !== 'link-invalid' ? { token: form.value.token } : {}
    return backToForm(event, '/reset-password', reset, undefined, keep)
  }
  const input = await readJson(event, contract.body)
  return noContentOrProblem(event, await resetPassword(identity, input, clientIp(event)))
})
