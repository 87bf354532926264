import { defineEventHandler, sendRedirect } from 'h3'
import { z } from 'zod'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { forgotPassword, forgotPasswordInput } from '#layers/identity/server/features/reset-password'
import { backToForm } from '#layers/identity/server/http/form-posts'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Mail a link to choose a new password',
  description:
    "Answers the same whether or not the email has an account. The page's form posted without JavaScript gets a 303 instead.",
  access: 'public',
  body: forgotPasswordInput,
  form: true,
  status: 202,
  response: z.object({ message: z.string() }),
  refusals: [429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, contract.body)
    const sent = form.ok ? await forgotPassword(identity, form.value.email, clientIp(event)) : form
    return sent.ok ? sendRedirect(event, '/forgot-password?sent=1', 303) : backToForm(event, '/forgot-password', sent)
  }
  const { email } = await readJson(event, contract.body)
  valueOrProblem(event, await forgotPassword(identity, email, clientIp(event)), 202)
  return { message: 'If an account uses this email, a link to reset its password is on its way.' }
})
