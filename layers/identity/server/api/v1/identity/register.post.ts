import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { isFormPost } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { sessionDto } from '#layers/identity/contracts/api'
import { register, registerInput } from '#layers/identity/server/features/register'
import { answerSignInForm } from '#layers/identity/server/http/form-posts'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Create a Customer account, signed in',
  description:
    "Passwords: 10 to 256 characters, not a common one, not the email. The page's form posted without JavaScript (to `?returnTo=<path>`) gets a 303.",
  access: 'public',
  body: registerInput,
  form: true,
  status: 201,
  response: sessionDto,
  refusals: [409, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event))
    return answerSignInForm(event, identity, '/register', contract.body, (input) =>
      register(identity, input, clientIp(event)),
    )
  const input = await readJson(event, contract.body)
  return respondWithSession(event, identity, await register(identity, input, clientIp(event)), { status: 201 })
})
